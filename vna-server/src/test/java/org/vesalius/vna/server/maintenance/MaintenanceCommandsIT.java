package org.vesalius.vna.server.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.vesalius.testsupport.peers.TestIndexes;
import org.vesalius.vna.archive.api.worklist.OrderStatus;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.archive.api.worklist.WorklistQuery;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchWorklistIndex;
import org.vesalius.vna.archive.worklist.WorklistFeature;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchIndexConfig;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchStudyIndex;
import org.vesalius.vna.archive.ingest.IndexFeed;
import org.vesalius.vna.archive.ingest.IndexQueue;
import org.vesalius.vna.archive.ingest.log.IngestLog;
import org.vesalius.vna.archive.ingest.IngestFeature;
import org.vesalius.vna.archive.ingest.IngestSettings;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.storage.fs.FileSystemBlobStore;
import org.vesalius.testsupport.peers.TestElasticsearch;

/**
 * The command mode as {@code ./vna reindex} and {@code ./vna verify} run it: the server's
 * configuration properties, a filesystem blob store and the test Elasticsearch of
 * {@code ./vna test} (skipped without it), the report on standard output and as JSON lines, and
 * the exit codes 0, 1 and 2. Also beside a "running server" that holds the blob store's lock.
 */
class MaintenanceCommandsIT {

    private static final String STUDY = "2.25.8080.1";
    private static final String SERIES = "2.25.8080.1.1";

    @TempDir
    Path dir;

    private String es;
    private String prefix;
    private Path root;
    private ElasticsearchStudyIndex index;

    @BeforeEach
    void archiveOfThreeInstances() {
        es = System.getProperty("vna.test.elasticsearch.url", "").strip();
        TestElasticsearch.require();
        prefix = "vna-cmd-" + UUID.randomUUID().toString().substring(0, 8);
        root = dir.resolve("blobs");
        index = new ElasticsearchStudyIndex(ElasticsearchIndexConfig.local(URI.create(es)).withNamePrefix(prefix)
                .withRefreshOnWrite(true));
        try (FileSystemBlobStore blobs = new FileSystemBlobStore(root);
                IngestLog log = IngestLog.open(IngestLog.Settings.of(dir.resolve("ingest-log")))) {
            IngestPort ingest = IngestFeature.create(blobs, new Journal(blobs, Clock.systemUTC()), new IndexFeed(index, new IndexQueue(blobs, log), log, Clock.systemUTC(),
                    Duration.ofSeconds(30)), List.of(), IngestSettings.DEFAULT, Clock.systemUTC());
            for (int i = 1; i <= 3; i++) {
                IngestResult result = ingest.ingest(IngestRequest.part10(IngestSource.stow("it"),
                        new ByteArrayInputStream(instance(i)), null));
                assertThat(result).isInstanceOf(IngestResult.Stored.class);
            }
        }
    }

    @AfterEach
    void dropTheIndices() {
        if (index != null) {
            index.deleteIndex();
            index.close();
        }
    }

    @Test
    void verifyReindexAndVerifyAgainWithExitCodesAndAJsonLinesReport() throws IOException {
        Path report = dir.resolve("verify.jsonl");
        Run clean = run("verify", "--vna.verify.report=" + report);
        assertThat(clean.exitCode()).as(clean.out()).isZero();
        assertThat(clean.out()).contains("verify: CLEAN; ");
        List<String> lines = Files.readAllLines(report);
        assertThat(lines).singleElement().asString().contains("\"summary\":\"verify\"").contains("\"exitCode\":0")
                .contains("\"instances\":3");

        index.remove(List.of(new InstanceRef(STUDY, SERIES, SERIES + ".2")));
        Run missing = run("verify", "--vna.verify.report=" + report);
        assertThat(missing.exitCode()).as(missing.out()).isEqualTo(1);
        assertThat(missing.out()).contains("MISSING_FROM_INDEX\tstudies/" + STUDY + "/series/" + SERIES + "/instances/"
                + SERIES + ".2.dcm");
        assertThat(Files.readAllLines(report)).first().asString().startsWith("{\"code\":\"MISSING_FROM_INDEX\"");

        Run reindex = run("reindex", "--vna.reindex.threads=2");
        assertThat(reindex.exitCode()).as(reindex.out()).isZero();
        assertThat(reindex.out()).contains("reindex: 3 instance(s) in 1 series of 1 study indexed into " + prefix
                + "-instances-v2-").contains("previous index " + prefix + "-instances-v2 deleted");

        Run again = run("verify");
        assertThat(again.exitCode()).as(again.out()).isZero();
    }

    @Test
    void reindexRebuildsTheWorklistIndexFromTheItemsInTheStore() throws IOException {
        ElasticsearchIndexConfig config = ElasticsearchIndexConfig.local(URI.create(es)).withNamePrefix(prefix);
        Dataset ds = new Dataset();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tags.PatientID, VR.LO, "CMD-1");
        ds.setString(Tags.AccessionNumber, VR.SH, "ACC-CMD");
        ds.newSequence(Tags.ScheduledProcedureStepSequence, 1).addItem().setString(Tags.Modality, VR.CS, "CT");
        WorklistItem item = new WorklistItem(WorklistItem.idOf("RIS", "CMD-ORDER"), OrderStatus.SCHEDULED, ds, Instant.now(), "it");
        try (FileSystemBlobStore blobs = new FileSystemBlobStore(root);
                ElasticsearchWorklistIndex worklistIndex = new ElasticsearchWorklistIndex(config)) {
            WorklistFeature.create(blobs, worklistIndex).schedule(item);
        }
        dropWorklistIndex();

        Run reindex = run("reindex");
        assertThat(reindex.exitCode()).as(reindex.out()).isZero();
        assertThat(reindex.out()).contains("reindex: 1 worklist item(s) indexed");
        try (ElasticsearchWorklistIndex worklistIndex = new ElasticsearchWorklistIndex(config)) {
            // Searchable within the index's refresh interval (a write does not wait for it).
            List<WorklistItem> found = org.vesalius.vna.server.process.Poll.until("the item in the rebuilt worklist index",
                    Duration.ofSeconds(30), () -> worklistIndex.find(WorklistQuery.of(List.of(), 10)), items -> !items.isEmpty());
            assertThat(found).extracting(WorklistItem::id).containsExactly(item.id());
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        } finally {
            dropWorklistIndex();
        }
    }

    private void dropWorklistIndex() {
        try {
            TestIndexes.dropIndex(es, prefix + "-worklist");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void besideARunningServerTheStoreIsReadAndTheQueueLeftToTheServer() {
        try (FileSystemBlobStore server = new FileSystemBlobStore(root)) {
            new IndexQueue(server).add(new InstanceRef(STUDY, SERIES, SERIES + ".1"), "STOW_RS:it",
                    Instant.now().minusSeconds(60));

            Run reindex = run("reindex");
            assertThat(reindex.exitCode()).as(reindex.out()).isZero();
            assertThat(reindex.out()).contains("reindex: 3 instance(s)").contains("0 queue marker(s) cleared");
            assertThat(new IndexQueue(server).count(10)).isEqualTo(1);
            Run verify = run("verify");
            assertThat(verify.exitCode()).as("a marker of an indexed instance is no difference: " + verify.out()).isZero();
        }
    }

    @Test
    void anUnreachableIndexOrABadSettingIsExitCodeTwo() {
        Run unreachable = run("verify", "--vna.elasticsearch.url=http://127.0.0.1:9");
        assertThat(unreachable.exitCode()).isEqualTo(2);
        assertThat(unreachable.out()).contains("verify: FAILED: ");

        Run badSetting = run("reindex", "--vna.reindex.threads=0");
        assertThat(badSetting.exitCode()).isEqualTo(2);
        assertThat(badSetting.out()).contains("reindex: FAILED: cannot start with this configuration");
    }

    private record Run(int exitCode, String out) {
    }

    private Run run(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--vna.storage.fs.root=" + root, "--vna.elasticsearch.url=" + es,
                "--vna.elasticsearch.index-prefix=" + prefix));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            code = MaintenanceCommands.run(args.toArray(String[]::new), print);
        }
        return new Run(code, out.toString(StandardCharsets.UTF_8));
    }

    private static byte[] instance(int n) {
        Dataset ds = new Dataset();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tags.SOPInstanceUID, VR.UI, SERIES + "." + n);
        ds.setString(Tags.StudyDate, VR.DA, "20250301");
        ds.setString(Tags.Modality, VR.CS, "OT");
        ds.setString(Tags.PatientName, VR.PN, "Command^Mode");
        ds.setString(Tags.PatientID, VR.LO, "CMD-1");
        ds.setString(Tags.StudyInstanceUID, VR.UI, STUDY);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, SERIES);
        ds.setInt(Tags.InstanceNumber, VR.IS, n);
        ds.setBytes(Tags.PixelData, VR.OB, new byte[64]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            DicomWriter.writeFile(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), out, EncodingOptions.DEFAULT);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
