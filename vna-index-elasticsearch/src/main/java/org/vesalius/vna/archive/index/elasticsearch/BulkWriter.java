package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.index.IndexUnavailableException;
import org.vesalius.vna.archive.index.IndexWriteException;

/**
 * Sends operations with {@code _bulk} in chunks and reads the response item by item: nothing a
 * bulk response reports is dropped. Items that failed in a retryable way (429, 5xx, the index
 * missing) make the whole call an {@link IndexUnavailableException} (the write is idempotent, so
 * the caller retries it whole); items the index refused make it an {@link IndexWriteException}.
 * A delete of a document that is not there (404) is a success. A chunk Elasticsearch refuses as a
 * whole for its size (413) is split until the operation too large on its own is isolated and
 * refused ({@link BulkSplitter}).
 *
 * <p>Writes name an alias and require it ({@code require_alias}): if the index behind it was
 * deleted, Elasticsearch would otherwise create a plain index under the alias's name, with a
 * guessed mapping, that no alias can replace later.
 */
final class BulkWriter {

    static final int CHUNK = 500;
    private static final int MAX_ID_BYTES = 512;

    private final ElasticsearchClient client;
    private final boolean refresh;

    BulkWriter(ElasticsearchClient client, boolean refresh) {
        this.client = client;
        this.refresh = refresh;
    }

    /**
     * Index operations for {@code instances} into {@code alias}; instances whose SOP Instance UID
     * cannot be a document id go to {@code refused} instead (Elasticsearch would refuse the whole
     * bulk request over one id longer than 512 bytes).
     */
    static List<BulkOperation> indexOperations(String alias, Collection<ArchivedInstance> instances,
            Map<String, String> refused) {
        List<BulkOperation> operations = new ArrayList<>(instances.size());
        for (ArchivedInstance instance : instances) {
            String id = instance.ref().sopInstanceUid();
            if (!validId(id)) {
                refused.put(id, "not usable as a document id (empty or longer than " + MAX_ID_BYTES + " bytes)");
                continue;
            }
            ObjectNode doc = InstanceDocuments.of(instance);
            operations.add(BulkOperation.of(b -> b.index(i -> i.index(alias).id(id).document(doc))));
        }
        return operations;
    }

    /**
     * Whether Elasticsearch answers a ping within about two seconds: five tries, further apart each
     * time, because a pooled connection it has just closed may fail the first ones, and a busy
     * cluster may take a moment after closing the connection of a request it refused.
     */
    private boolean reachable() {
        long pause = 50;
        for (int i = 0; ; i++) {
            try {
                if (client.ping().value()) {
                    return true;
                }
            } catch (IOException | RuntimeException e) {
                // try again
            }
            if (i == 4) {
                return false;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            pause *= 2;
        }
    }

    /** Whether {@code id} can be a document id. */
    static boolean validId(String id) {
        return !id.isEmpty() && id.getBytes(StandardCharsets.UTF_8).length <= MAX_ID_BYTES;
    }

    /**
     * Sends {@code operations}; {@code refusedBefore} holds items already refused without being
     * sent, to be reported with those the index refuses.
     */
    void write(List<BulkOperation> operations, Map<String, String> refusedBefore, String what) {
        Map<String, String> refused = new LinkedHashMap<>(refusedBefore);
        List<String> retryable = new ArrayList<>();
        for (int from = 0; from < operations.size(); from += CHUNK) {
            List<BulkOperation> chunk = operations.subList(from, Math.min(operations.size(), from + CHUNK));
            // A chunk refused as a whole for its size is split until the culprit is alone (BulkSplitter).
            for (BulkResponseItem item : BulkSplitter.send(chunk, ops -> EsFailures.call(what, () -> client.bulk(b -> b.operations(ops)
                    .requireAlias(true).refresh(refresh ? Refresh.WaitFor : Refresh.False))), this::reachable, refused)) {
                if (item.error() == null || (item.status() == 404 && "not_found".equals(item.result()))) {
                    continue;
                }
                String reason = item.status() + " " + item.error().type() + ": " + item.error().reason();
                boolean indexMissing = "index_not_found_exception".equals(item.error().type());
                if (indexMissing || (EsFailures.retryable(item.status()) && item.status() != 404)) {
                    retryable.add(item.id() + " (" + reason + ")");
                } else {
                    refused.put(item.id(), reason);
                }
            }
        }
        if (!retryable.isEmpty()) {
            throw new IndexUnavailableException("Elasticsearch could not " + what + " for " + retryable.size()
                    + " of " + operations.size() + " instance(s), e.g. " + retryable.get(0)
                    + (refused.isEmpty() ? "" : "; refused: " + refused), null);
        }
        if (!refused.isEmpty()) {
            throw new IndexWriteException(refused);
        }
    }
}
