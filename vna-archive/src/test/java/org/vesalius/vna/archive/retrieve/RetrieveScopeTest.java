package org.vesalius.vna.archive.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.retrieve.PatientStudiesUnavailableException;
import org.vesalius.vna.archive.api.retrieve.RetrieveScope;
import org.vesalius.vna.archive.ingest.TestObjects;

/** {@link RetrieveService#resolve}: the one answer to "which instances does this retrieve cover". */
class RetrieveScopeTest {

    private static final String STUDY = "1.2.826.0.1.3680043.2.1125.30";
    private static final String OTHER_STUDY = "1.2.826.0.1.3680043.2.1125.40";
    private static final String SERIES = STUDY + ".1";
    private static final String SERIES_2 = STUDY + ".2";

    @TempDir
    Path dir;
    private RetrieveFixture fixture;

    @BeforeEach
    void store() {
        fixture = new RetrieveFixture(dir);
        store(STUDY, SERIES, STUDY + ".1.1", 1);
        store(STUDY, SERIES, STUDY + ".1.1.5", 2); // its UID starts with the one above's
        store(STUDY, SERIES, STUDY + ".1.2", 3);
        store(STUDY, SERIES_2, STUDY + ".2.1", 4);
        store(OTHER_STUDY, OTHER_STUDY + ".1", OTHER_STUDY + ".1.1", 5);
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    private void store(String study, String series, String sop, int seed) {
        Dataset ds = TestObjects.ct(sop, "P1", "HOSP_A", 64, seed);
        ds.setString(Tags.StudyInstanceUID, VR.UI, study);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, series);
        assertThat(fixture.store(TestObjects.part10(ds))).isNotNull();
    }

    private List<String> sops(RetrieveScope scope) {
        return fixture.retrieve.resolve(scope).stream().map(l -> l.ref().sopInstanceUid()).toList();
    }

    @Test
    void studiesInTheOrderAskedEachBySeriesThenSop() {
        assertThat(sops(new RetrieveScope.Study(List.of(OTHER_STUDY, STUDY, OTHER_STUDY)))).containsExactly(OTHER_STUDY + ".1.1",
                STUDY + ".1.1", STUDY + ".1.1.5", STUDY + ".1.2", STUDY + ".2.1");
        assertThat(sops(RetrieveScope.study("1.2.3.4"))).isEmpty();
    }

    @Test
    void seriesOfOneStudy() {
        assertThat(sops(new RetrieveScope.Series(STUDY, List.of(SERIES_2, SERIES)))).containsExactly(STUDY + ".2.1", STUDY + ".1.1",
                STUDY + ".1.1.5", STUDY + ".1.2");
    }

    @Test
    void instancesAreTheOnesAskedNotThoseWhoseUidStartsTheSame() {
        assertThat(sops(new RetrieveScope.Instances(STUDY, SERIES, List.of(STUDY + ".1.2", STUDY + ".1.1", STUDY + ".1.9"))))
                .containsExactly(STUDY + ".1.1", STUDY + ".1.2");
        assertThat(sops(RetrieveScope.instance(new InstanceRef(STUDY, SERIES, STUDY + ".1.1.5")))).containsExactly(STUDY + ".1.1.5");
    }

    @Test
    void everyOtherWayInGoesThroughTheSameListing() {
        InstanceRef ref = new InstanceRef(STUDY, SERIES, STUDY + ".1.1");
        String version = fixture.retrieve.resolve(RetrieveScope.instance(ref)).get(0).open().etag();
        assertThat(fixture.retrieve.instance(ref).etag()).isEqualTo(version);
        assertThat(fixture.retrieve.list(STUDY, SERIES).get(0).open().etag()).isEqualTo(version);
        assertThat(fixture.retrieve.instancesOfStudy(STUDY)).hasSize(4);
    }

    @Test
    void aPatientWithoutAnIndexIsRefusedNotAnsweredEmpty() {
        assertThatThrownBy(() -> fixture.retrieve.resolve(new RetrieveScope.Patient(new PatientId("P1", "HOSP_A"), true)))
                .isInstanceOf(PatientStudiesUnavailableException.class).hasMessageContaining("P1^^^HOSP_A");
        assertThatThrownBy(() -> new RetrieveScope.Patient(new PatientId("P1", "HOSP_A"), false))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
