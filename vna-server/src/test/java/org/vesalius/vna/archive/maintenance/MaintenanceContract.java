package org.vesalius.vna.archive.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.index.IndexBuild;
import org.vesalius.vna.archive.index.IndexBuildConflictException;
import org.vesalius.vna.archive.index.IndexUnavailableException;
import org.vesalius.vna.archive.index.RebuildableIndex;
import org.vesalius.vna.archive.index.elasticsearch.GeneratedArchive;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.StoredObject;
import org.vesalius.testsupport.samples.SharedSamples;

/**
 * {@link Reindexer} and {@link Verifier} on a blob store adapter, against the test Elasticsearch
 * (skipped without it). A large archive (the generated one of the index tests, every shared
 * sample, a coerced and a versioned instance) is reindexed from a deleted index and beside a
 * live one, with the same query answers; small archives are damaged one way each for the checks.
 * Each adapter runs the same class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class MaintenanceContract {

    private static final String COERCED_PATIENT = "COERCED-1";
    private static final String VERSIONED_SOP = "2.25.4242.1";

    /** A new, empty store of the adapter under test; the archive closes it. */
    protected abstract BlobStore newStore() throws Exception;

    /** Changes one byte of the stored content behind the store's back (bit rot). */
    protected abstract void flipByte(BlobStore store, BlobKey key, long offset) throws Exception;

    private final GeneratedArchive generated = GeneratedArchive.generate(4711, 300);
    private TestArchive big;
    private Set<InstanceRef> stored;
    private Map<String, Query> table;

    @BeforeAll
    void fillTheLargeArchive() throws Exception {
        TestArchive.elasticsearchUrl();
        big = new TestArchive(newStore());
        stored = new HashSet<>();
        for (GeneratedArchive.Row row : generated.rows()) {
            stored.add(storedRef(big.store(TestObjects.part10(GeneratedArchive.toInstance(row).header()),
                    IngestSource.stow("generator"))));
        }
        for (Path sample : sharedSamples()) {
            if (big.store(Files.readAllBytes(sample), IngestSource.stow("samples")) instanceof IngestResult.Stored s) {
                stored.add(s.instance().ref());
            }
        }
        IngestResult coerced = big.store(TestObjects.part10(TestObjects.ct("2.25.4242.2", COERCED_PATIENT, null, 64, 1)),
                IngestSource.dimse(TestArchive.COERCING_AE));
        assertThat(((IngestResult.Stored) coerced).coercions()).hasSize(1);
        stored.add(storedRef(coerced));
        stored.add(storedRef(big.store(TestObjects.part10(TestObjects.ct(VERSIONED_SOP, "V-1", "HOSP_A", 64, 1)),
                IngestSource.stow("modality"))));
        Dataset second = TestObjects.ct(VERSIONED_SOP, "V-1", "HOSP_A", 64, 2);
        second.setString(Tags.PatientName, VR.PN, "Versioned^Second");
        IngestResult newVersion = big.store(TestObjects.part10(second), IngestSource.stow("modality"));
        assertThat(((IngestResult.Stored) newVersion).disposition()).isEqualTo(IngestResult.Disposition.NEW_VERSION);
        big.index.refresh();
        table = QueryAnswers.table(generated, COERCED_PATIENT, VERSIONED_SOP);
    }

    private static InstanceRef storedRef(IngestResult result) {
        assertThat(result).isInstanceOf(IngestResult.Stored.class);
        return ((IngestResult.Stored) result).instance().ref();
    }

    /** Every file of the shared samples, or none when they are absent. */
    static List<Path> sharedSamples() {
        return SharedSamples.files();
    }

    @AfterAll
    void closeTheLargeArchive() {
        if (big != null) {
            big.close();
        }
    }

    @Test
    @Order(1)
    void reindexOfADeletedIndexGivesTheSameAnswers() {
        Map<String, QueryAnswers.Answer> before = QueryAnswers.answers(big.queries, table);
        InstanceRef queuedLongAgo = stored.iterator().next();
        big.queue.add(queuedLongAgo, "STOW_RS:generator", Instant.now().minus(Duration.ofMinutes(10))); // beyond the skew
        big.queue.add(queuedLongAgo, "STOW_RS:generator", Instant.now().plus(Duration.ofHours(1)));
        big.index.deleteIndex();
        assertThat(big.indices()).isEmpty();

        List<Finding> findings = new ArrayList<>();
        ReindexReport report = big.reindexer(ReindexSettings.DEFAULT.withBatch(64, 2)).run(findings::add);

        assertThat(findings).isEmpty();
        assertThat(report.instances()).isEqualTo(stored.size());
        assertThat(report.skipped()).isZero();
        assertThat(report.olderVersions()).isGreaterThanOrEqualTo(1);
        assertThat(report.previous()).isEmpty();
        assertThat(report.markersCleared()).as("the marker queued before the build; the later one stays").isEqualTo(1);
        assertThat(big.queue.count(10)).isEqualTo(1);
        assertThat(big.indices()).containsExactly(report.index());
        big.index.refresh();
        Map<String, QueryAnswers.Answer> after = QueryAnswers.answers(big.queries, table);
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
        before.forEach((query, answer) -> assertThat(QueryAnswers.difference(answer, after.get(query))).as(query).isNull());
        assertThat(before.get("QIDO INSTANCE {includefield=[all]}").totalMatches()).isEqualTo(stored.size());
    }

    @Test
    @Order(2)
    void reindexBesideTheLiveIndexCopiesWhatArrivesMeanwhileAndSwitchesAtOnce() {
        Map<String, QueryAnswers.Answer> before = QueryAnswers.answers(big.queries, table);
        String live = big.indices().get(0);
        InstanceRef[] meanwhile = new InstanceRef[1];
        RebuildableIndex ingestingDuringTheBuild = takeOver -> new ForwardingBuild(big.index.startBuild(takeOver)) {
            @Override
            public Optional<String> live() { // called once the walk is over, before the switch
                if (meanwhile[0] == null) {
                    Dataset late = TestObjects.ct("2.25.4242.3", "LATE-1", "HOSP_A", 64, 3);
                    late.setString(Tags.StudyInstanceUID, VR.UI, "2.25.4242.30");
                    late.setString(Tags.SeriesInstanceUID, VR.UI, "2.25.4242.31");
                    meanwhile[0] = storedRef(big.store(TestObjects.part10(late), IngestSource.stow("late")));
                }
                return super.live();
            }
        };

        ReindexReport report = new Reindexer(big.blobs, ingestingDuringTheBuild, big.loader, big.queue,
                ReindexSettings.DEFAULT, big.clock).run(f -> { });

        assertThat(report.previous()).contains(live);
        assertThat(report.previousDropped()).isTrue();
        assertThat(report.copiedFromLive()).as("received within the clock skew, the late one included").isGreaterThan(0);
        assertThat(big.indices()).containsExactly(report.index());
        big.index.refresh();
        Map<String, QueryAnswers.Answer> after = QueryAnswers.answers(big.queries, table);
        assertThat(after.get("QIDO INSTANCE {includefield=[all]}").totalMatches())
                .isEqualTo(before.get("QIDO INSTANCE {includefield=[all]}").totalMatches() + 1);
        assertThat(after.get("QIDO INSTANCE {includefield=[all]}").matches())
                .anySatisfy(json -> assertThat(json).contains(meanwhile[0].sopInstanceUid()));
        stored.add(meanwhile[0]);
        for (String query : List.of("QIDO SERIES {Modality=[US], includefield=[all]}", "C-FIND combined date-time negotiated",
                "QIDO INSTANCE {SOPInstanceUID=[" + VERSIONED_SOP + "], includefield=[all]}")) {
            assertThat(QueryAnswers.difference(before.get(query), after.get(query))).as(query).isNull();
        }
    }

    @Test
    @Order(3)
    void verifyFindsTheLargeArchiveClean() {
        big.index.refresh();
        VerifyReport[] report = new VerifyReport[1];
        List<Finding> findings = big.verify(report);

        assertThat(findings).filteredOn(f -> f.code().difference()).isEmpty();
        assertThat(report[0].exitCode()).isEqualTo(VerifyReport.CLEAN);
        assertThat(report[0].instances()).isEqualTo(stored.size());
        assertThat(report[0].documents()).isEqualTo(stored.size());
        assertThat(report[0].blobs()).isGreaterThan(stored.size()); // older versions, coercion record, queue marker
    }

    // ------------------------------------------------------------------ small, damaged archives

    /** A new archive with {@code n} small CT instances of one study. */
    private TestArchive small(int n, List<BlobKey> keys) throws Exception {
        TestArchive archive = new TestArchive(newStore());
        for (int i = 1; i <= n; i++) {
            Dataset ct = TestObjects.ct("2.25.5151." + i, "SMALL-" + i, "HOSP_A", 4096, i);
            IngestResult result = archive.store(TestObjects.part10(ct), IngestSource.stow("small"));
            keys.add(BlobKey.of(((IngestResult.Stored) result).instance().blob().key()));
        }
        archive.index.refresh();
        return archive;
    }

    @Test
    void verifyReportsAFlippedByteAsAHashMismatch() throws Exception {
        List<BlobKey> keys = new ArrayList<>();
        try (TestArchive archive = small(3, keys)) {
            StoredObject blob = archive.blobs.stat(keys.get(1)).orElseThrow();
            flipByte(archive.blobs, blob.key(), blob.size() - 10); // in the pixel data: the header still reads

            VerifyReport[] report = new VerifyReport[1];
            List<Finding> findings = archive.verify(report);

            assertThat(findings).extracting(Finding::code, Finding::key)
                    .containsExactly(tuple(Finding.Code.HASH_MISMATCH, blob.key().value()));
            assertThat(findings.get(0).detail()).contains(blob.sha256Hex());
            assertThat(report[0].exitCode()).isEqualTo(VerifyReport.DIFFERENCES);
        }
    }

    @Test
    void verifyReportsADeletedIndexDocumentAndADeletedBlob() throws Exception {
        List<BlobKey> keys = new ArrayList<>();
        try (TestArchive archive = small(4, keys)) {
            archive.index.remove(List.of(new InstanceRef(TestObjects.STUDY, TestObjects.SERIES, "2.25.5151.1")));
            archive.index.remove(List.of(new InstanceRef(TestObjects.STUDY, TestObjects.SERIES, "2.25.5151.2")));
            archive.queue.add(new InstanceRef(TestObjects.STUDY, TestObjects.SERIES, "2.25.5151.2"), "STOW_RS:small", Instant.now());
            archive.blobs.delete(keys.get(2));
            archive.index.refresh();

            VerifyReport[] report = new VerifyReport[1];
            List<Finding> findings = archive.verify(report);

            assertThat(findings).extracting(Finding::code, Finding::sopInstanceUid).containsExactlyInAnyOrder(
                    tuple(Finding.Code.MISSING_FROM_INDEX, "2.25.5151.1"),
                    tuple(Finding.Code.QUEUED, "2.25.5151.2"),
                    tuple(Finding.Code.BLOB_MISSING, "2.25.5151.3"));
            assertThat(report[0].differences()).isEqualTo(2);
            assertThat(report[0].exitCode()).isEqualTo(VerifyReport.DIFFERENCES);
        }
    }

    @Test
    void verifyReportsIndexedAttributesThatDifferFromTheBlob() throws Exception {
        List<BlobKey> keys = new ArrayList<>();
        try (TestArchive archive = small(2, keys)) {
            ArchivedInstance real = archive.loader.load(archive.blobs.stat(keys.get(0)).orElseThrow(), null);
            Dataset edited = new Dataset();
            for (int i = 0; i < real.header().size(); i++) { // a flat header: no sequences to re-parent
                edited.set(real.header().tagAt(i), real.header().vrAt(i), real.header().valueAt(i));
            }
            edited.setString(Tags.PatientName, VR.PN, "Someone^Else");
            archive.index.index(List.of(new ArchivedInstance(real.ref(), real.patient(), real.sopClassUid(),
                    real.transferSyntaxUid(), edited, real.blob(), real.receivedAt(), real.sourceAeTitle())));
            archive.index.refresh();

            VerifyReport[] report = new VerifyReport[1];
            List<Finding> findings = archive.verify(report);

            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.code()).isEqualTo(Finding.Code.ATTRIBUTES_DIFFER);
                assertThat(f.detail()).contains("PatientName").contains("vna.dataset.00100010");
            });
        }
    }

    @Test
    void corruptAndMisplacedObjectsAreReportedAndSkippedNotFatal() throws Exception {
        List<BlobKey> keys = new ArrayList<>();
        try (TestArchive archive = small(3, keys)) {
            BlobKey garbage = BlobKey.of("studies/2.25.6/series/2.25.6.1/instances/2.25.6.1.1.dcm");
            archive.blobs.put(garbage, new java.io.ByteArrayInputStream("not DICOM at all".repeat(20).getBytes()));
            BlobKey misplaced = BlobKey.of("studies/2.25.7/series/2.25.7.1/instances/2.25.7.1.1.dcm");
            try (var in = archive.blobs.open(keys.get(0))) {
                archive.blobs.put(misplaced, in);
            }
            List<Finding> skipped = new ArrayList<>();
            ReindexReport report = archive.reindexer(ReindexSettings.DEFAULT).run(skipped::add);

            assertThat(report.instances()).isEqualTo(3);
            assertThat(report.skipped()).isEqualTo(2);
            assertThat(skipped).extracting(Finding::code, Finding::key).containsExactlyInAnyOrder(
                    tuple(Finding.Code.HEADER_UNREADABLE, garbage.value()),
                    tuple(Finding.Code.KEY_MISMATCH, misplaced.value()));

            VerifyReport[] verified = new VerifyReport[1];
            assertThat(archive.verify(verified)).extracting(Finding::code).containsExactlyInAnyOrder(
                    Finding.Code.HEADER_UNREADABLE, Finding.Code.KEY_MISMATCH);
        }
    }

    @Test
    void oneBuildAtATimeUnlessTakenOverAndAnAbandonedBuildLeavesNothing() throws Exception {
        List<BlobKey> keys = new ArrayList<>();
        try (TestArchive archive = small(2, keys)) {
            String live = archive.indices().get(0);
            IndexBuild first = archive.index.startBuild(false);
            assertThat(archive.indices()).containsExactlyInAnyOrder(live, first.name());
            assertThatThrownBy(() -> archive.index.startBuild(false)).isInstanceOf(IndexBuildConflictException.class)
                    .hasMessageContaining(first.name()).hasMessageContaining("take-over");

            ReindexReport second = archive.reindexer(ReindexSettings.DEFAULT.withIndexHandling(true, true)).run(f -> { });

            assertThat(archive.indices()).containsExactlyInAnyOrder(live, second.index());
            assertThat(second.previous()).contains(live);
            assertThat(second.previousDropped()).isFalse();
            List<ArchivedInstance> one = List.of(archive.loader.load(archive.blobs.stat(keys.get(0)).orElseThrow(), null));
            assertThatThrownBy(() -> first.index(one)).isInstanceOf(IndexUnavailableException.class);
            assertThatThrownBy(first::switchOver).isInstanceOf(IndexBuildConflictException.class);
            first.close();
            assertThat(archive.indices()).containsExactlyInAnyOrder(live, second.index());

            IndexBuild abandoned = archive.index.startBuild(false);
            abandoned.index(one);
            abandoned.close();
            assertThat(archive.indices()).containsExactlyInAnyOrder(live, second.index());
            assertThat(archive.index.startBuild(false)).as("no build marked as running any more").satisfies(IndexBuild::close);
        }
    }

    /** Passes every call on; tests override one. */
    private static class ForwardingBuild implements IndexBuild {
        private final IndexBuild delegate;

        ForwardingBuild(IndexBuild delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public Optional<String> live() {
            return delegate.live();
        }

        @Override
        public void index(java.util.Collection<ArchivedInstance> instances) {
            delegate.index(instances);
        }

        @Override
        public Stream<InstanceRef> receivedSince(String index, Instant since) {
            return delegate.receivedSince(index, since);
        }

        @Override
        public Optional<String> switchOver() {
            return delegate.switchOver();
        }

        @Override
        public void drop(String index) {
            delegate.drop(index);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
