package org.vesalius.vna.archive.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vesalius.vna.archive.ingest.TestObjects.ct;
import static org.vesalius.vna.archive.ingest.TestObjects.part10;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestResult.InvalidObject;
import org.vesalius.vna.archive.api.ingest.IngestResult.Problem;
import org.vesalius.vna.archive.api.ingest.IngestResult.Stored;
import org.vesalius.vna.archive.storage.BlobKey;

/**
 * An instance whose patient contradicts the stored study it joins, over the real ingest path
 * (filesystem blob store, journal, ingest log): refused by default, stored under
 * {@code accept}; what the journal explains (an update, a merge) is no contradiction.
 */
class PatientMismatchTest {

    private static final String SOP = "1.2.826.0.1.3680043.2.1125.1.1.";

    @TempDir
    Path dir;
    IngestFixture f;

    @BeforeEach
    void setUp() {
        f = new IngestFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private IngestResult send(String sop, String patientId, String issuer, String name, String birthDate) {
        Dataset ds = ct(SOP + sop, patientId, issuer, 64, sop.hashCode());
        ds.setString(Tags.PatientName, VR.PN, name);
        if (birthDate != null) {
            ds.setString(Tags.PatientBirthDate, VR.DA, birthDate);
        }
        return f.part10(part10(ds));
    }

    private void storeOriginal() {
        assertThat(send("1", "P1", "HOSP", "Doe^Jane", "19700101")).isInstanceOf(Stored.class);
    }

    private long instancesStored() {
        return f.keys().stream().map(BlobKey::value).filter(k -> k.endsWith(".dcm")).count();
    }

    @Test
    void anotherPatientIdIsRefusedWithTheAttributeNamedAndNothingStored() {
        storeOriginal();

        IngestResult r = send("2", "P2", "HOSP", "Doe^Jane", "19700101");

        InvalidObject refused = (InvalidObject) r;
        assertThat(refused.problem()).isEqualTo(Problem.PATIENT_MISMATCH);
        assertThat(refused.cannotUnderstand()).isFalse();
        assertThat(refused.tag()).isEqualTo(Tags.PatientID);
        // The attribute is named; the stored study's value is not given away.
        assertThat(refused.reason()).isEqualTo("patient contradicts study: PatientID (0010,0020) differs from study "
                + TestObjects.STUDY).doesNotContain("P1");
        assertThat(instancesStored()).isEqualTo(1);
        assertThat(f.index.documents).containsOnlyKeys(SOP + "1");
    }

    @Test
    void theSameIdUnderAnotherIssuerAnotherNameOrAnotherBirthDateIsRefused() {
        storeOriginal();

        assertThat(((InvalidObject) send("2", "P1", "OTHER", "Doe^Jane", "19700101")).tag()).isEqualTo(Tags.IssuerOfPatientID);
        assertThat(((InvalidObject) send("3", "P1", "HOSP", "Roe^Richard", "19700101")).tag()).isEqualTo(Tags.PatientName);
        assertThat(((InvalidObject) send("4", "P1", "HOSP", "Doe^Jane", "19800101")).tag()).isEqualTo(Tags.PatientBirthDate);
        assertThat(instancesStored()).isEqualTo(1);
    }

    @Test
    void whatModalitiesVaryInIsNoContradiction() {
        storeOriginal();

        // Case, trailing separators, a missing birth date or issuer: the same patient as far as anyone knows.
        assertThat(send("2", "P1", "HOSP", "DOE^JANE^^", "19700101")).isInstanceOf(Stored.class);
        assertThat(send("3", "P1", "HOSP", "Doe^Jane", null)).isInstanceOf(Stored.class);
        assertThat(send("4", "P1", null, "Doe^Jane", "19700101")).isInstanceOf(Stored.class);
        assertThat(instancesStored()).isEqualTo(4);
    }

    @Test
    void theStudysPatientIsReadFromTheBlobStoreAfterARestart() {
        storeOriginal();
        f.rebuild(); // a new service: nothing cached

        assertThat(send("2", "P2", "HOSP", "Doe^Jane", "19700101")).isInstanceOf(InvalidObject.class);
        assertThat(send("3", "P1", "HOSP", "Doe^Jane", "19700101")).isInstanceOf(Stored.class);
    }

    @Test
    void acceptStoresTheContradictingInstance() {
        f.with(IngestSettings.DEFAULT.withPatientMismatch(PatientMismatchPolicy.ACCEPT));
        storeOriginal();

        assertThat(send("2", "P2", "HOSP", "Roe^Richard", "19800101")).isInstanceOf(Stored.class);
        assertThat(instancesStored()).isEqualTo(2);
    }

    @Test
    void anInstanceUnderTheUpdatedNameOrTheOldOneJoinsAfterAPatientUpdate() {
        storeOriginal();
        f.journal.append(new PatientId("P1", "HOSP"), values(Tags.PatientName, "Doe^Janet"), "name corrected", "test");

        assertThat(send("2", "P1", "HOSP", "Doe^Janet", "19700101")).as("the new name").isInstanceOf(Stored.class);
        assertThat(send("3", "P1", "HOSP", "Doe^Jane", "19700101")).as("the old name, updated by the journal")
                .isInstanceOf(Stored.class);
        assertThat(send("4", "P1", "HOSP", "Roe^Richard", "19700101")).as("someone else").isInstanceOf(InvalidObject.class);
    }

    @Test
    void anInstanceUnderTheSurvivingIdentityJoinsAfterAMerge() {
        storeOriginal();
        f.journal.append(new PatientId("P1", "HOSP"), values(Tags.PatientID, "P9", Tags.PatientName, "Doe^Jane"), "merged", "test");

        assertThat(send("2", "P9", "HOSP", "Doe^Jane", "19700101")).isInstanceOf(Stored.class);
        assertThat(send("3", "P1", "HOSP", "Doe^Jane", "19700101")).isInstanceOf(Stored.class);
        assertThat(send("4", "P2", "HOSP", "Doe^Jane", "19700101")).isInstanceOf(InvalidObject.class);
    }

    @Test
    void aFirstInstanceThatFailsLeavesTheStudyUnclaimed() {
        byte[] whole = part10(ct(SOP + "1", "P2", "HOSP", 4000, 1));
        IngestResult truncated = f.part10(Arrays.copyOf(whole, whole.length - 100));
        assertThat(truncated).isInstanceOf(InvalidObject.class);
        assertThat(((InvalidObject) truncated).problem()).isEqualTo(Problem.TRUNCATED);

        storeOriginal();
        assertThat(send("2", "P2", "HOSP", "Doe^Jane", "19700101")).isInstanceOf(InvalidObject.class);
    }

    @Test
    void aDifferentStudyMayHaveAnotherPatient() {
        storeOriginal();
        Dataset other = ct(SOP + "2", "P2", "HOSP", 64, 2);
        other.setString(Tags.StudyInstanceUID, VR.UI, TestObjects.STUDY + ".2");

        assertThat(f.part10(part10(other))).isInstanceOf(Stored.class);
        assertThat(f.index.documents.keySet()).hasSize(2);
        assertThat(Map.copyOf(f.index.documents)).containsKeys(SOP + "1", SOP + "2");
    }

    private static Dataset values(Object... tagsAndValues) {
        Dataset v = new Dataset();
        v.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        for (int i = 0; i < tagsAndValues.length; i += 2) {
            int tag = (Integer) tagsAndValues[i];
            v.setString(tag, tag == Tags.PatientName ? VR.PN : VR.LO, (String) tagsAndValues[i + 1]);
        }
        return v;
    }
}
