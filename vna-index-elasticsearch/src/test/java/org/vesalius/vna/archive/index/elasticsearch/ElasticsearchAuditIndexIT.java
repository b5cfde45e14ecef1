package org.vesalius.vna.archive.index.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.testsupport.peers.TestIndexes;
import org.vesalius.vna.archive.api.audit.AuditEvent.Outcome;
import org.vesalius.vna.archive.api.audit.AuditRecord;
import org.vesalius.vna.archive.api.audit.AuditSearch;
import org.vesalius.vna.archive.api.failure.UnavailableException;

/** The audit index on a real Elasticsearch: every filter, newest first, paging, replace by id, retention, and a cluster that is away. */
class ElasticsearchAuditIndexIT {

    private final String prefix = "vna-it-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void findsByEveryFilterNewestFirstAndKeepsOneDocumentPerId() throws Exception {
        String url = TestElasticsearch.require();
        try (ElasticsearchAuditIndex index = new ElasticsearchAuditIndex(ElasticsearchIndexConfig.local(URI.create(url))
                .withNamePrefix(prefix).withRefreshOnWrite(true))) {
            Instant t = Instant.parse("2026-12-07T10:00:00Z");
            index.store(List.of(
                    record("n-1-0", t, "IMPORT", Outcome.SUCCESS, "ingest", "10.0.0.1", List.of("P1"), List.of("1.2.1")),
                    record("n-1-1", t.plusSeconds(60), "QUERY", Outcome.SUCCESS, "alice", "10.0.0.2", List.of("P1"), List.of()),
                    record("n-1-2", t.plusSeconds(120), "EXPORT", Outcome.MINOR_FAILURE, "alice", "10.0.0.2", List.of(), List.of("1.2.1")),
                    record("n-1-3", t.plusSeconds(180), "USER_AUTHENTICATION", Outcome.MINOR_FAILURE, null, "10.0.0.3", List.of(), List.of())));
            index.store(List.of(record("n-1-0", t, "IMPORT", Outcome.SUCCESS, "ingest", "10.0.0.1", List.of("P1"), List.of("1.2.1"))));

            assertThat(ids(index.search(AuditSearch.latest(10)).records())).containsExactly("n-1-3", "n-1-2", "n-1-1", "n-1-0");
            assertThat(index.search(AuditSearch.latest(10)).total()).isEqualTo(4);
            assertThat(ids(index.search(AuditSearch.latest(10).withUser("alice")).records())).containsExactly("n-1-2", "n-1-1");
            assertThat(ids(index.search(new AuditSearch(t.plusSeconds(60), t.plusSeconds(180), null, null, null, null, null, null, null, 0, 10))
                    .records())).containsExactly("n-1-2", "n-1-1");
            assertThat(ids(index.search(new AuditSearch(null, null, null, "10.0.0.3", null, null, null, null, null, 0, 10)).records()))
                    .containsExactly("n-1-3");
            assertThat(ids(index.search(new AuditSearch(null, null, null, null, "P1", null, null, null, null, 0, 10)).records()))
                    .containsExactly("n-1-1", "n-1-0");
            assertThat(ids(index.search(new AuditSearch(null, null, null, null, null, "1.2.1", null, null, null, 0, 10)).records()))
                    .containsExactly("n-1-2", "n-1-0");
            assertThat(ids(index.search(new AuditSearch(null, null, null, null, null, null, "QUERY", null, null, 0, 10)).records()))
                    .containsExactly("n-1-1");
            assertThat(ids(index.search(new AuditSearch(null, null, null, null, null, null, null, Outcome.MINOR_FAILURE, null, 0, 10))
                    .records())).containsExactly("n-1-3", "n-1-2");
            assertThat(ids(index.search(new AuditSearch(null, null, null, null, null, null, null, null, true, 0, 10)).records()))
                    .containsExactly("n-1-1", "n-1-0");
            org.vesalius.vna.archive.api.audit.AuditSearchPort.Page second = index.search(new AuditSearch(null, null, null, null, null, null, null, null, null, 1, 2));
            assertThat(ids(second.records())).containsExactly("n-1-2", "n-1-1");
            assertThat(second.total()).isEqualTo(4);
            assertThat(index.find("n-1-1")).hasValueSatisfying(r -> {
                assertThat(r.user()).isEqualTo("alice");
                assertThat(r.xml()).isEqualTo("<AuditMessage>n-1-1</AuditMessage>");
                assertThat(r.time()).isEqualTo(t.plusSeconds(60));
            });
            assertThat(index.find("nothing-here")).isEmpty();

            assertThat(index.removeOlderThan(t.plusSeconds(90))).isEqualTo(2);
            assertThat(ids(index.search(AuditSearch.latest(10)).records())).containsExactly("n-1-3", "n-1-2");
        } finally {
            TestIndexes.drop(url, prefix);
        }
    }

    @Test
    void aClusterThatIsAwayIsUnavailableForReadersAndAnIoFailureForTheWriter() {
        try (ElasticsearchAuditIndex index = new ElasticsearchAuditIndex(ElasticsearchIndexConfig.local(URI.create("http://127.0.0.1:9"))
                .withNamePrefix(prefix))) {
            assertThatThrownBy(() -> index.search(AuditSearch.latest(1))).isInstanceOf(UnavailableException.class);
            assertThatThrownBy(() -> index.find("x")).isInstanceOf(UnavailableException.class);
            assertThatThrownBy(() -> index.store(List.of(record("x", Instant.now(), "QUERY", Outcome.SUCCESS, null, null, List.of(),
                    List.of())))).isInstanceOf(java.io.IOException.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static AuditRecord record(String id, Instant time, String type, Outcome outcome, String user, String address,
            List<String> patients, List<String> studies) {
        return new AuditRecord(id, time, type, "110112", "E", outcome, null, user, null, address, patients, studies, null, "n",
                "<AuditMessage>" + id + "</AuditMessage>");
    }

    private static List<String> ids(List<AuditRecord> records) {
        return records.stream().map(AuditRecord::id).toList();
    }
}
