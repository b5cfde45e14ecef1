package org.vesalius.vna.server.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.StoredBlob;
import org.vesalius.vna.archive.index.IndexWriteException;
import org.vesalius.vna.archive.index.IndexedInstance;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchIndexConfig;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchStudyIndex;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.ElasticsearchInstance;

/**
 * A bulk request Elasticsearch refuses as a whole (issue 12, point 4): a real 413 from a cluster
 * whose {@code http.max_content_length} is 1 MB, on a batch with one document of 6 MB
 * among ordinary ones (as many large RT Structure Set headers would make). The batch is split,
 * the oversize document is reported as refused, every other one is indexed.
 */
class BulkSplitIT {

    private static final String STUDY = "1.2.826.0.1.3680043.10.1338.7";
    private static final String SERIES = STUDY + ".1";

    private static Path scratch;
    private static ElasticsearchInstance es;

    @BeforeAll
    static void start() throws Exception {
        TestElasticsearch.require(); // Elasticsearch tests are on (this one starts its own, with a small body limit)
        scratch = Checkout.newScratchDirectory("bulk-split");
        es = ElasticsearchInstance.in(scratch.resolve("elasticsearch"), "http.max_content_length=1mb");
        es.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (es != null) {
            es.close();
        }
        if (scratch != null) {
            FileSystemUtils.deleteRecursively(scratch.toFile());
        }
    }

    @Test
    void aBatchRefusedAsAWholeForItsSizeIsSplitAndOnlyTheOversizeDocumentIsRefused() {
        List<ArchivedInstance> batch = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            // 40 × 40 kB: 1.6 MB together, more than the cluster takes in one request, each one fine.
            batch.add(instance(SERIES + "." + i, 40_000));
        }
        String oversize = SERIES + ".999";
        // 6 MB: the client is still writing when Elasticsearch answers 413 and closes (a broken pipe);
        // requests just over the limit get the 413 itself. Both must isolate it.
        batch.add(17, instance(oversize, 6_000_000));
        try (ElasticsearchStudyIndex index = new ElasticsearchStudyIndex(ElasticsearchIndexConfig.local(URI.create(es.url()))
                .withNamePrefix("vna-bulk-split").withRefreshOnWrite(true))) {
            assertThatThrownBy(() -> index.index(batch)).isInstanceOfSatisfying(IndexWriteException.class, e -> {
                assertThat(e.failures()).containsOnlyKeys(oversize);
                assertThat(e.failures().get(oversize)).startsWith("413");
            });
            index.refresh();
            Set<String> indexed;
            try (var all = index.instances()) {
                indexed = all.map(IndexedInstance::ref).map(InstanceRef::sopInstanceUid).collect(Collectors.toSet());
            }
            Set<String> expected = batch.stream().map(a -> a.ref().sopInstanceUid()).filter(uid -> !uid.equals(oversize))
                    .collect(Collectors.toSet());
            assertThat(indexed).isEqualTo(expected);

            // Idempotent: the same batch again gives the same answer, and nothing else.
            assertThatThrownBy(() -> index.index(batch)).isInstanceOfSatisfying(IndexWriteException.class,
                    e -> assertThat(e.failures()).containsOnlyKeys(oversize));
        }
    }

    /** An RT Structure Set-like instance whose header carries {@code textBytes} of text. */
    private static ArchivedInstance instance(String sopUid, int textBytes) {
        Dataset header = new Dataset();
        header.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.481.3");
        header.setString(Tags.SOPInstanceUID, VR.UI, sopUid);
        header.setString(Tags.StudyInstanceUID, VR.UI, STUDY);
        header.setString(Tags.SeriesInstanceUID, VR.UI, SERIES);
        header.setString(Tags.Modality, VR.CS, "RTSTRUCT");
        header.setString(Tags.PatientID, VR.LO, "BULK-SPLIT");
        header.setString(Tags.TextValue, VR.UT, "0.5\\".repeat(textBytes / 4));
        InstanceRef ref = new InstanceRef(STUDY, SERIES, sopUid);
        return new ArchivedInstance(ref, new PatientId("BULK-SPLIT", ""), "1.2.840.10008.5.1.4.1.1.481.3", "1.2.840.10008.1.2.1",
                header.freeze(), new StoredBlob("instances/" + sopUid, 1000, "0".repeat(64), Instant.now()), Instant.now(), "TEST");
    }
}
