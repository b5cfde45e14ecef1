package org.vesalius.vna.archive.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.ingest.DefaultIssuerRule;
import org.vesalius.vna.archive.ingest.IngestFixture;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.render.RenderService;
import org.vesalius.vna.archive.retrieve.RetrieveService;
import org.vesalius.vna.archive.retrieve.RetrieveSettings;

/**
 * Whole-series answers: Content-Length, the stored bytes sent from one open once an earlier read
 * showed nothing changes them, and what still changes them (a coercion, a journal entry later),
 * or an instance deleted while the answer is sent; series metadata kept in memory and a later
 * journal entry.
 */
class WadoWholeAnswerTest {

    static final String BASE = "http://127.0.0.1:8080/dicomweb";
    static final String ANY = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";

    @TempDir
    Path dir;
    IngestFixture ingest;
    Journal journal;
    RetrieveService retrieve;
    WadoRs wado;

    @BeforeEach
    void open() {
        ingest = new IngestFixture(dir).with(new DefaultIssuerRule(Map.of(), Map.of("client", "HOSP_W")));
        journal = new Journal(ingest.blobs, Clock.systemUTC());
        retrieve = new RetrieveService(ingest.blobs, journal, RetrieveSettings.DEFAULT);
        wado = new WadoRs(retrieve, new RenderService(retrieve), Duration.ofDays(365));
    }

    @AfterEach
    void close() {
        retrieve.close();
        ingest.close();
    }

    ArchivedInstance store(byte[] bytes) {
        IngestResult r = ingest.service.ingest(IngestRequest.part10(IngestSource.stow("client"), new ByteArrayInputStream(bytes), null));
        return ((IngestResult.Stored) r).instance();
    }

    WadoResponse series() {
        return wado.retrieve(TestObjects.STUDY, TestObjects.SERIES, null, new WadoRequest(ANY, null, null, BASE));
    }

    static Dataset dataset(byte[] part) throws IOException {
        return DicomReader.read(new ByteArrayInputStream(part), ReadOptions.DEFAULT).dataset();
    }

    @Test
    void asStoredTheLengthIsKnownAndIsTheBytesSentColdAndWarm() throws IOException {
        byte[] a = TestObjects.part10(TestObjects.ct("1.2.3.1", "P", "I", 4000, 1));
        byte[] b = TestObjects.part10(TestObjects.ct("1.2.3.2", "P", "I", 6000, 2));
        store(a);
        store(b);

        for (String pass : List.of("cold", "warm")) {
            WadoResponse r = series();
            byte[] body = WadoResponses.body(r);
            assertThat(((WadoResponse.Content) r).contentLength()).as(pass).isEqualTo(body.length);
            List<WadoResponses.Part> parts = WadoResponses.parts(r);
            assertThat(parts).as(pass).hasSize(2);
            assertThat(parts.get(0).content()).as(pass).isEqualTo(a);
            assertThat(parts.get(1).content()).as(pass).isEqualTo(b);
            assertThat(parts.get(1).headers()).containsEntry("content-length", Integer.toString(b.length));
        }
    }

    @Test
    void aCoercedInstanceStillAnswersCoercedBesideOnesSentAsStored() throws IOException {
        byte[] plain = TestObjects.part10(TestObjects.ct("1.2.3.1", "P", "HOSP_W", 4000, 1));
        store(plain);
        store(TestObjects.part10(TestObjects.ct("1.2.3.2", "P", null, 4000, 2))); // no issuer: the rule adds HOSP_W

        for (String pass : List.of("cold", "warm")) {
            WadoResponse r = series();
            assertThat(((WadoResponse.Content) r).contentLength()).as(pass).isEqualTo(WadoResponses.body(r).length);
            List<WadoResponses.Part> parts = WadoResponses.parts(r);
            assertThat(parts.get(0).content()).as(pass).isEqualTo(plain);
            Dataset coerced = dataset(parts.get(1).content());
            assertThat(coerced.getString(Tags.IssuerOfPatientID)).as(pass).isEqualTo("HOSP_W");
            assertThat(coerced.contains(Tags.OriginalAttributesSequence)).as(pass).isTrue();
        }
    }

    @Test
    void aJournalEntryAfterAWarmReadChangesWhatIsSent() throws IOException {
        store(TestObjects.part10(TestObjects.ct("1.2.3.1", "P", "I", 4000, 1)));
        WadoResponses.body(series()); // the facts: served as stored

        Dataset name = new Dataset();
        name.setString(Tags.PatientName, VR.PN, "Corrected^Name");
        journal.append(new PatientId("P", "I"), name, "correction", "test");

        WadoResponse r = series();
        assertThat(((WadoResponse.Content) r).contentLength()).isEqualTo(WadoResponses.body(r).length);
        assertThat(dataset(WadoResponses.parts(r).get(0).content()).getString(Tags.PatientName)).isEqualTo("Corrected^Name");
    }

    @Test
    void metadataKeptInMemoryFollowsALaterJournalEntry() throws IOException {
        store(TestObjects.part10(TestObjects.ct("1.2.3.1", "P", "I", 4000, 1)));
        WadoRequest json = new WadoRequest("application/dicom+json", null, null, BASE);
        String before = new String(WadoResponses.body(wado.metadata(TestObjects.STUDY, TestObjects.SERIES, null, json)));
        assertThat(before).contains("Test^Patient");
        assertThat(new String(WadoResponses.body(wado.metadata(TestObjects.STUDY, TestObjects.SERIES, null, json)))).isEqualTo(before);

        Dataset name = new Dataset();
        name.setString(Tags.PatientName, VR.PN, "Corrected^Name");
        journal.append(new PatientId("P", "I"), name, "correction", "test");

        String after = new String(WadoResponses.body(wado.metadata(TestObjects.STUDY, TestObjects.SERIES, null, json)));
        assertThat(after).contains("Corrected^Name");
    }

    @Test
    void anInstanceDeletedAfterTheLengthWentOutBreaksTheAnswerOffInsteadOfLying() throws IOException {
        store(TestObjects.part10(TestObjects.ct("1.2.3.1", "P", "I", 4000, 1)));
        ArchivedInstance second = store(TestObjects.part10(TestObjects.ct("1.2.3.2", "P", "I", 4000, 2)));
        store(TestObjects.part10(TestObjects.ct("1.2.3.3", "P", "I", 4000, 3)));
        WadoResponses.body(series()); // warm: the answer knows its length without opening a file

        WadoResponse.Content r = (WadoResponse.Content) series();
        assertThat(r.contentLength()).isPositive();
        Files.delete(dir.resolve(second.blob().key()));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> r.body().writeTo(out)).isInstanceOf(IOException.class).hasMessageContaining("1.2.3.2");
        assertThat((long) out.size()).isLessThan(r.contentLength());

        WadoResponse after = series();
        assertThat(WadoResponses.parts(after)).as("the next answer leaves it out").hasSize(2);
        assertThat(((WadoResponse.Content) after).contentLength()).isEqualTo(WadoResponses.body(after).length);
    }
}
