package org.vesalius.vna.archive.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.ingest.IngestFixture;
import org.vesalius.vna.archive.ingest.TestObjects;

/** Ingest indexes an instance that arrives after a patient update with the update applied. */
class JournalIngestTest {

    @TempDir
    Path dir;

    @Test
    void anInstanceArrivingAfterAnUpdateIsIndexedUpdated() {
        try (IngestFixture f = new IngestFixture(dir)) {
            new Journal(f.blobs, Clock.systemUTC()).append(new PatientId("P1", "HOSP_A"),
                    JournalTest.values(Tags.PatientName, "Updated^Name"), "", "");
            byte[] late = TestObjects.part10(TestObjects.ct("1.2.3.4.1", "P1", "HOSP_A", 64, 1));
            // Another patient (the same ID under another issuer), so another study.
            org.vesalius.dicom.data.Dataset otherPatient = TestObjects.ct("1.2.3.4.2", "P1", "HOSP_B", 64, 2);
            otherPatient.setString(Tags.StudyInstanceUID, org.vesalius.dicom.data.VR.UI, TestObjects.STUDY + ".2");
            byte[] other = TestObjects.part10(otherPatient);

            IngestResult r1 = f.service.ingest(IngestRequest.part10(IngestSource.stow("t"), new ByteArrayInputStream(late), null));
            IngestResult r2 = f.service.ingest(IngestRequest.part10(IngestSource.stow("t"), new ByteArrayInputStream(other), null));

            assertThat(r1).isInstanceOf(IngestResult.Stored.class);
            assertThat(r2).isInstanceOf(IngestResult.Stored.class);
            assertThat(f.index.documents.get("1.2.3.4.1").header().getString(Tags.PatientName)).isEqualTo("Updated^Name");
            assertThat(f.index.documents.get("1.2.3.4.2").header().getString(Tags.PatientName)).isEqualTo("Test^Patient");
        }
    }
}
