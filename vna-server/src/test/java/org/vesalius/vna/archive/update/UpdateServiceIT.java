package org.vesalius.vna.archive.update;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.api.query.QidoQueryParser;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.update.PatientUpdate;
import org.vesalius.vna.archive.api.update.UpdateResult;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchIndexConfig;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchStudyIndex;
import org.vesalius.vna.archive.ingest.CoercionRecords;
import org.vesalius.vna.archive.ingest.IndexFeed;
import org.vesalius.vna.archive.ingest.IndexQueue;
import org.vesalius.vna.archive.ingest.log.IngestLog;
import org.vesalius.vna.archive.ingest.IngestFeature;
import org.vesalius.vna.archive.ingest.IngestSettings;
import org.vesalius.vna.archive.ingest.InstanceLoader;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.query.QueryFeature;
import org.vesalius.vna.archive.retrieve.RetrieveService;
import org.vesalius.vna.archive.retrieve.RetrieveSettings;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.fs.FileSystemBlobStore;
import org.vesalius.testsupport.peers.TestElasticsearch;

/**
 * Patient updates against a real Elasticsearch ({@code vna.test.elasticsearch.url}; skipped
 * without): the journal entry first (retrieval serves it at once), then the index work that follows
 * makes QIDO answer with the new values for exactly that patient (not the one with the same ID
 * under another issuer), a merge moves the studies to the survivor, one marker covers a patient's
 * updates, and an update made while the index is down is finished by another node.
 */
class UpdateServiceIT {

    static final PatientId A = new PatientId("12345", "HOSP_A");
    static final PatientId A_ELSEWHERE = new PatientId("12345", "HOSP_B");
    static final PatientId B = new PatientId("777", "HOSP_A");

    @TempDir
    Path dir;
    BlobStore blobs;
    ElasticsearchStudyIndex index;
    IngestPort ingest;
    QueryPort queries;
    Journal journal;
    RetrieveService retrieve;
    IngestLog log;

    @BeforeEach
    void setUp() {
        String url = TestElasticsearch.require();
        blobs = new FileSystemBlobStore(dir);
        index = new ElasticsearchStudyIndex(ElasticsearchIndexConfig.local(URI.create(url))
                .withNamePrefix("vna-upd-" + UUID.randomUUID().toString().substring(0, 8)).withRefreshOnWrite(true));
        journal = new Journal(blobs, Clock.systemUTC());
        try {
            log = IngestLog.open(IngestLog.Settings.of(java.nio.file.Files.createTempDirectory("vna-ingest-log")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ingest = IngestFeature.create(blobs, journal, new IndexFeed(index, new IndexQueue(blobs, log), log, Clock.systemUTC(), Duration.ofSeconds(30)),
                List.of(), IngestSettings.DEFAULT, Clock.systemUTC());
        queries = QueryFeature.create(index, 1000);
        retrieve = new RetrieveService(blobs, journal, RetrieveSettings.DEFAULT);
        store("1.2.3.1", "1.2.3.1.1", "1.2.3.1.1.1", A);
        store("1.2.3.1", "1.2.3.1.1", "1.2.3.1.1.2", A);
        store("1.2.3.2", "1.2.3.2.1", "1.2.3.2.1.1", A);
        store("1.2.3.3", "1.2.3.3.1", "1.2.3.3.1.1", A_ELSEWHERE);
        store("1.2.3.4", "1.2.3.4.1", "1.2.3.4.1.1", B);
        index.refresh();
    }

    @AfterEach
    void tearDown() {
        if (index != null) {
            index.deleteIndex();
            index.close();
            retrieve.close();
            log.close();
            blobs.close();
        }
    }

    UpdateService service(ElasticsearchStudyIndex idx, Duration settle) {
        return new UpdateService(journal, QueryFeature.create(idx, 1000), idx,
                new InstanceLoader(blobs, new CoercionRecords(blobs), 64L << 20, journal), retrieve, blobs, new LinkStore(blobs), Clock.systemUTC(),
                settle);
    }

    @Test
    void aRenameIsJournalledThenSearchableForThatPatientOnly() {
        UpdateService service = service(index, Duration.ZERO);
        UpdateResult r = service.update(PatientUpdate.of(A, "name corrected", "test",
                Tags.PatientName, "Vesalius^Andreas", Tags.PatientBirthDate, "15141231"));
        // Retrieval serves the entry at once; the index has it after the pass that follows.
        assertThat(retrieve.instance(new InstanceRef("1.2.3.1", "1.2.3.1.1", "1.2.3.1.1.1")).header().getString(Tags.PatientName))
                .isEqualTo("Vesalius^Andreas");
        assertThat(markers()).hasSize(1);
        assertThat(service.drainPending()).isEqualTo(3);
        index.refresh();

        assertThat(r.sequence()).isNotEmpty();
        assertThat(studies(Map.of("PatientName", "vesalius^andreas"))).containsExactlyInAnyOrder("1.2.3.1", "1.2.3.2");
        assertThat(studies(Map.of("PatientName", "Test^Patient"))).containsExactlyInAnyOrder("1.2.3.3", "1.2.3.4");
        assertThat(studies(Map.of("PatientBirthDate", "15141231"))).containsExactlyInAnyOrder("1.2.3.1", "1.2.3.2");
        Dataset served = retrieve.instance(new InstanceRef("1.2.3.2", "1.2.3.2.1", "1.2.3.2.1.1")).header();
        assertThat(served.getString(Tags.PatientName)).isEqualTo("Vesalius^Andreas");
        assertThat(retrieve.instance(new InstanceRef("1.2.3.3", "1.2.3.3.1", "1.2.3.3.1.1")).header().getString(Tags.PatientName))
                .isEqualTo("Test^Patient");
        assertThat(markers()).isEmpty(); // settled at once (settle = 0)
        assertThat(service.drainPending()).isZero();
    }

    @Test
    void theFollowerIndexesUpdatesOnItsOwnAndOneMarkerCoversAPatientsUpdates() throws InterruptedException {
        UpdateService service = service(index, Duration.ofHours(1));
        java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        service.whenIndexed((patient, sequence) -> told.add(patient + " " + sequence));
        service.update(PatientUpdate.of(A, "", "", Tags.PatientSex, "F"));
        UpdateResult last = service.update(PatientUpdate.of(A, "", "", Tags.PatientName, "Second^Update"));
        assertThat(markers()).hasSize(1);

        service.start(Duration.ofSeconds(10));
        try {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            while (studies(Map.of("PatientName", "Second^Update")).size() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(studies(Map.of("PatientName", "Second^Update"))).containsExactlyInAnyOrder("1.2.3.1", "1.2.3.2");
            assertThat(told).contains(A + " " + last.sequence());
            assertThat(markers()).hasSize(1); // kept for the pass after the settle time
        } finally {
            service.close();
        }
    }

    @Test
    void aMergeMovesEveryStudyToTheSurvivorAndHisLaterRenameFollows() {
        UpdateService service = service(index, Duration.ZERO);
        service.update(PatientUpdate.of(A, "merge", "test", Tags.PatientID, "777"));
        service.update(PatientUpdate.of(B, "rename", "test", Tags.PatientName, "Survivor^Sam"));
        service.drainPending();
        index.refresh();

        assertThat(studies(Map.of("PatientID", "777", "IssuerOfPatientID", "HOSP_A"))).containsExactlyInAnyOrder("1.2.3.1", "1.2.3.2", "1.2.3.4");
        assertThat(studies(Map.of("PatientID", "12345"))).containsExactly("1.2.3.3");
        assertThat(studies(Map.of("PatientName", "Survivor^Sam"))).containsExactlyInAnyOrder("1.2.3.1", "1.2.3.2", "1.2.3.4");
        assertThat(retrieve.instance(new InstanceRef("1.2.3.1", "1.2.3.1.1", "1.2.3.1.1.2")).header().getString(Tags.PatientID))
                .isEqualTo("777");
    }

    @Test
    void anUpdateMadeWhileTheIndexIsDownIsFinishedByAnotherNodeWhenItIsBack() {
        ElasticsearchStudyIndex down = new ElasticsearchStudyIndex(ElasticsearchIndexConfig.local(URI.create("http://127.0.0.1:9"))
                .withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1)));
        try {
            UpdateService failing = service(down, Duration.ZERO);
            failing.update(PatientUpdate.of(A, "", "", Tags.PatientSex, "O"));
            assertThat(failing.drainPending()).isZero();

            assertThat(markers()).hasSize(1);
            assertThat(retrieve.instance(new InstanceRef("1.2.3.1", "1.2.3.1.1", "1.2.3.1.1.1")).header().getString(Tags.PatientSex))
                    .isEqualTo("O");

            int n = service(index, Duration.ZERO).drainPending();
            index.refresh();

            assertThat(n).isEqualTo(3);
            assertThat(studies(Map.of("PatientSex", "O"))).containsExactlyInAnyOrder("1.2.3.1", "1.2.3.2");
            assertThat(markers()).isEmpty();
        } finally {
            down.close();
        }
    }

    @Test
    void aMarkerStaysForASecondPassUntilTheUpdateHasSettled() {
        UpdateService service = service(index, Duration.ofHours(1));
        service.update(PatientUpdate.of(A, "", "", Tags.PatientSex, "F"));

        assertThat(markers()).hasSize(1);
        assertThat(service.drainPending()).isEqualTo(3);
        assertThat(service.drainPending()).isZero(); // nothing new, and not settled yet
        assertThat(markers()).hasSize(1);
    }

    private List<String> studies(Map<String, String> keys) {
        Map<String, List<String>> params = new java.util.LinkedHashMap<>();
        keys.forEach((k, v) -> params.put(k, List.of(v)));
        return queries.query(QidoQueryParser.parse(QueryLevel.STUDY, params)).matches().stream()
                .map(d -> d.getString(Tags.StudyInstanceUID)).toList();
    }

    private List<BlobKey> markers() {
        try (Stream<BlobKey> s = blobs.list("update-pending/")) {
            return s.toList();
        }
    }

    private void store(String study, String series, String sop, PatientId patient) {
        Dataset ds = TestObjects.ct(sop, patient.id(), patient.issuer(), 64, sop.hashCode());
        ds.setString(Tags.StudyInstanceUID, org.vesalius.dicom.data.VR.UI, study);
        ds.setString(Tags.SeriesInstanceUID, org.vesalius.dicom.data.VR.UI, series);
        IngestResult r = ingest.ingest(IngestRequest.part10(IngestSource.stow("t"), new ByteArrayInputStream(TestObjects.part10(ds)), null));
        assertThat(r).isInstanceOf(IngestResult.Stored.class);
    }
}
