package org.vesalius.vna.archive.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FindingWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneTextLineAndOneJsonObjectPerFindingThenTheSummary() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (FindingWriter writer = new FindingWriter(new PrintStream(text, true, StandardCharsets.UTF_8), json)) {
            writer.accept(new Finding(Finding.Code.HASH_MISMATCH, "studies/1/series/2/instances/3.dcm", "3", "recorded a, content b"));
            writer.accept(new Finding(Finding.Code.BLOB_MISSING, "", "4", ""));
            writer.summary(new VerifyReport(10, 1234, 5, 5, Map.of(Finding.Code.HASH_MISMATCH, 1L, Finding.Code.BLOB_MISSING, 1L,
                    Finding.Code.QUEUED, 3L), true, Duration.ofMillis(1500)));
        }

        assertThat(text.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "HASH_MISMATCH\tstudies/1/series/2/instances/3.dcm\trecorded a, content b",
                "BLOB_MISSING\t4\tin the index, not stored",
                "verify: 2 DIFFERENCE(S); 10 blob(s), 1234 byte(s) hashed, 5 instance(s), 5 index document(s) checked in 1.5 s:"
                        + " HASH_MISMATCH=1, BLOB_MISSING=1, QUEUED=3");
        List<JsonNode> lines = json.toString(StandardCharsets.UTF_8).lines().map(FindingWriterTest::parse).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).toString()).isEqualTo(
                "{\"code\":\"HASH_MISMATCH\",\"key\":\"studies/1/series/2/instances/3.dcm\",\"sop\":\"3\",\"detail\":\"recorded a, content b\"}");
        assertThat(lines.get(2).path("summary").asText()).isEqualTo("verify");
        assertThat(lines.get(2).path("exitCode").asInt()).isEqualTo(VerifyReport.DIFFERENCES);
        assertThat(lines.get(2).path("QUEUED").asInt()).isEqualTo(3);
    }

    @Test
    void theReindexSummaryAndAFailure() {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        try (FindingWriter writer = new FindingWriter(new PrintStream(text, true, StandardCharsets.UTF_8), json)) {
            writer.summary(new ReindexReport("vna-instances-v1-20250301100000000", Optional.of("vna-instances-v1"), true, 7, 2,
                    1, 1, 0, 0, 3, Duration.ofSeconds(2)));
            writer.failure("verify", "Elasticsearch is unreachable");
        }
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("reindex: 7 instance(s) in 2 series of 1 study indexed"
                + " into vna-instances-v1-20250301100000000 in 2.0 s").contains("previous index vna-instances-v1 deleted")
                .contains("verify: FAILED: Elasticsearch is unreachable");
        assertThat(json.toString(StandardCharsets.UTF_8).lines().map(FindingWriterTest::parse).toList())
                .extracting(n -> n.path("summary").asText(), n -> n.path("exitCode").asInt(-1))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("reindex", -1), org.assertj.core.groups.Tuple.tuple("verify", 2));
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
