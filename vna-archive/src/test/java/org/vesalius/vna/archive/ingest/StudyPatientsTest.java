package org.vesalius.vna.archive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;

/**
 * Two first instances of a study not stored yet, interleaved by hand (no threads, no timing): the
 * first claims the study, the second, of another patient, is caught while the first is in flight;
 * a claim whose instance was not stored is withdrawn.
 */
class StudyPatientsTest {

    private static final String STUDY = "2.25.4711";

    @TempDir
    Path dir;
    IngestFixture f;
    StudyPatients patients;

    @BeforeEach
    void setUp() {
        f = new IngestFixture(dir);
        patients = new StudyPatients(f.blobs, f.loader(), f.journal);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static Dataset header(String patientId, String name) {
        Dataset ds = new Dataset();
        ds.setString(Tags.PatientID, VR.LO, patientId);
        ds.setString(Tags.PatientName, VR.PN, name);
        return ds;
    }

    @Test
    void aSecondFirstInstanceOfAnotherPatientIsCaughtWhileTheFirstIsInFlight() {
        StudyPatients.Joining first = patients.join(STUDY, header("P1", "Doe^Jane"));
        assertThat(first.mismatch()).isEmpty();

        StudyPatients.Joining other = patients.join(STUDY, header("P2", "Roe^Richard"));
        StudyPatients.Joining same = patients.join(STUDY, header("P1", "DOE^JANE"));

        assertThat(other.mismatch()).hasValueSatisfying(m -> {
            assertThat(m.tag()).isEqualTo(Tags.PatientID);
            assertThat(m.reason(STUDY)).isEqualTo("patient contradicts study: PatientID (0010,0020) differs from study " + STUDY);
        });
        assertThat(same.mismatch()).isEmpty();
        first.release(true);
        assertThat(patients.join(STUDY, header("P2", "Roe^Richard")).mismatch()).isPresent();
    }

    @Test
    void aClaimWhoseInstanceWasNotStoredIsWithdrawn() {
        StudyPatients.Joining first = patients.join(STUDY, header("P1", "Doe^Jane"));
        first.release(false);

        StudyPatients.Joining other = patients.join(STUDY, header("P2", "Roe^Richard"));
        assertThat(other.mismatch()).isEmpty();
    }
}
