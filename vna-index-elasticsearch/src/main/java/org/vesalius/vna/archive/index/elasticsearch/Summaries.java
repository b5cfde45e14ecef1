package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.index.IndexUnavailableException;

/**
 * Keeps the study and series summary documents in line with their instance documents: after a
 * bulk write, the summaries of the studies (and series) it touched are derived again from the
 * instances in the index, never counted up or down, so a re-index or a removal cannot drift them.
 *
 * <p>Two writers of the same study (write-behind and catch-up, or two nodes) must not lose an
 * update. Each round reads the summaries' sequence numbers (realtime {@code _mget}), then
 * aggregates the instances (after a refresh that made this writer's own instances visible), then
 * writes each summary only if its sequence number is still the one read ({@code if_seq_no},
 * {@code op_type=create} for a new one). A write that lost the race is redone from a fresh read:
 * the last write that succeeds was aggregated after every other writer's last successful write,
 * so it saw their instances (see the module README).
 */
final class Summaries {

    static final String STUDY_ID = "study:";
    static final String SERIES_ID = "series:";
    private static final int STUDY_CHUNK = 100;
    private static final int MAX_ROUNDS = 20;

    private final ElasticsearchClient client;
    private final boolean refreshOnWrite;
    private volatile Runnable beforeWrite = () -> { };

    Summaries(ElasticsearchClient client, boolean refreshOnWrite) {
        this.client = client;
        this.refreshOnWrite = refreshOnWrite;
    }

    /** Runs {@code hook} between aggregating and writing (tests: another writer gets in between). */
    void beforeWrite(Runnable hook) {
        this.beforeWrite = hook;
    }

    /** The series touched by a write, by study. */
    static Map<String, Set<String>> affected(java.util.Collection<org.vesalius.vna.archive.api.InstanceRef> refs) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (var ref : refs) {
            out.computeIfAbsent(ref.studyInstanceUid(), s -> new java.util.TreeSet<>()).add(ref.seriesInstanceUid());
        }
        return out;
    }

    /** The summary document id of a study or series. */
    static String id(QueryLevel level, String uid) {
        return (level == QueryLevel.STUDY ? STUDY_ID : SERIES_ID) + uid;
    }

    /**
     * Derives again the summaries of these series (by study) and of their studies in
     * {@code target}, from the instance documents there.
     */
    void update(String target, Map<String, Set<String>> seriesByStudy) {
        if (seriesByStudy.isEmpty()) {
            return;
        }
        // The aggregation must see this writer's own instances (refresh=wait_for on the bulk already did).
        if (!refreshOnWrite) {
            EsFailures.call("refresh " + target, () -> client.indices().refresh(r -> r.index(target)));
        }
        List<String> studies = new ArrayList<>(seriesByStudy.keySet());
        for (int from = 0; from < studies.size(); from += STUDY_CHUNK) {
            Map<String, Set<String>> pending = new TreeMap<>();
            for (String study : studies.subList(from, Math.min(studies.size(), from + STUDY_CHUNK))) {
                pending.put(study, seriesByStudy.get(study));
            }
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_ROUNDS) {
                    throw new IndexUnavailableException("the summaries of " + pending.size() + " stud(ies) kept changing under "
                            + MAX_ROUNDS + " rounds, e.g. " + pending.keySet().iterator().next(), null);
                }
                Set<String> conflicted = round(target, pending);
                pending.keySet().retainAll(conflicted);
            }
        }
    }

    /** One read-aggregate-write round; answers the studies with a summary that lost a race. */
    private Set<String> round(String target, Map<String, Set<String>> pending) {
        Map<String, String> studyOf = new HashMap<>();
        List<String> ids = new ArrayList<>();
        Set<String> allSeries = new LinkedHashSet<>();
        for (var e : pending.entrySet()) {
            ids.add(id(QueryLevel.STUDY, e.getKey()));
            studyOf.put(id(QueryLevel.STUDY, e.getKey()), e.getKey());
            for (String series : e.getValue()) {
                ids.add(id(QueryLevel.SERIES, series));
                studyOf.put(id(QueryLevel.SERIES, series), e.getKey());
                allSeries.add(series);
            }
        }
        Map<String, long[]> versions = versions(target, ids);
        Map<String, ObjectNode> docs = SummaryDocuments.derive(client, target, pending.keySet(), allSeries);
        List<BulkOperation> operations = new ArrayList<>();
        for (String id : ids) {
            ObjectNode doc = docs.get(id);
            long[] version = versions.get(id);
            if (doc != null && version != null) {
                operations.add(BulkOperation.of(o -> o.index(i -> i.index(target).id(id).document(doc)
                        .ifSeqNo(version[0]).ifPrimaryTerm(version[1]))));
            } else if (doc != null) {
                operations.add(BulkOperation.of(o -> o.create(c -> c.index(target).id(id).document(doc))));
            } else if (version != null) { // no instance left
                operations.add(BulkOperation.of(o -> o.delete(d -> d.index(target).id(id)
                        .ifSeqNo(version[0]).ifPrimaryTerm(version[1]))));
            }
        }
        beforeWrite.run();
        return write(operations, studyOf);
    }

    private Set<String> write(List<BulkOperation> operations, Map<String, String> studyOf) {
        Set<String> conflicted = new LinkedHashSet<>();
        if (operations.isEmpty()) {
            return conflicted;
        }
        BulkResponse response = EsFailures.call("write summaries", () -> client.bulk(b -> b.operations(operations)
                .requireAlias(true).refresh(refreshOnWrite ? Refresh.WaitFor : Refresh.False)));
        if (!response.errors()) {
            return conflicted;
        }
        for (BulkResponseItem item : response.items()) {
            if (item.error() == null || (item.status() == 404 && "not_found".equals(item.result()))) {
                continue;
            }
            if (item.status() == 409) {
                conflicted.add(studyOf.get(item.id()));
            } else {
                throw new IndexUnavailableException("Elasticsearch could not write summary " + item.id() + ": "
                        + item.status() + " " + item.error().type() + ": " + item.error().reason(), null);
            }
        }
        return conflicted;
    }

    /** Sequence number and primary term of each id that exists now (realtime, not a search). */
    private Map<String, long[]> versions(String target, List<String> ids) {
        MgetResponse<Void> response = EsFailures.call("read summary versions",
                () -> client.mget(m -> m.index(target).ids(ids).source(s -> s.fetch(false)).realtime(true), Void.class));
        Map<String, long[]> out = new HashMap<>();
        for (MultiGetResponseItem<Void> item : response.docs()) {
            if (item.isFailure()) {
                throw new IndexUnavailableException("Elasticsearch could not read summary " + item.failure().id() + ": "
                        + item.failure().error().reason(), null);
            }
            if (item.result().found()) {
                out.put(item.result().id(), new long[] {item.result().seqNo(), item.result().primaryTerm()});
            }
        }
        return out;
    }

}
