package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sends one bulk chunk so that a request Elasticsearch refuses as a whole for its size (413,
 * {@code http.max_content_length}) cannot block the others: the chunk is split in halves,
 * recursively, until the operation that is too large on its own is alone; that one is refused,
 * every other one is sent. Without this, the same chunk would fail on every retry and every
 * catch-up round would stop at it.
 */
final class BulkSplitter {

    static final int TOO_LARGE = 413;

    private BulkSplitter() {
    }

    /**
     * Sends {@code chunk} with {@code bulk}, split as needed; operations refused for their size go
     * to {@code refused} (id to reason).
     *
     * @return the items of every response that reported errors (the caller reads them)
     */
    static List<BulkResponseItem> send(List<BulkOperation> chunk, Function<List<BulkOperation>, BulkResponse> bulk,
            Map<String, String> refused) {
        List<BulkResponseItem> items = new ArrayList<>();
        send(chunk, bulk, refused, items);
        return items;
    }

    private static void send(List<BulkOperation> chunk, Function<List<BulkOperation>, BulkResponse> bulk, Map<String, String> refused,
            List<BulkResponseItem> items) {
        if (chunk.isEmpty()) {
            return;
        }
        BulkResponse response;
        try {
            response = bulk.apply(chunk);
        } catch (RuntimeException e) {
            if (!tooLarge(e)) {
                throw e;
            }
            if (chunk.size() == 1) {
                refused.put(id(chunk.get(0)), TOO_LARGE + " request_entity_too_large: this document alone makes a bulk request"
                        + " larger than Elasticsearch accepts (http.max_content_length)");
                return;
            }
            int half = chunk.size() / 2;
            send(chunk.subList(0, half), bulk, refused, items);
            send(chunk.subList(half, chunk.size()), bulk, refused, items);
            return;
        }
        if (response.errors()) {
            items.addAll(response.items());
        }
    }

    /** True when {@code e} says the request was refused for its size (413), with or without a JSON body. */
    static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransportException te && te.statusCode() == TOO_LARGE
                    || t instanceof ElasticsearchException ee && ee.status() == TOO_LARGE) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String id(BulkOperation op) {
        return switch (op._kind()) {
            case Index -> op.index().id();
            case Create -> op.create().id();
            case Update -> op.update().id();
            case Delete -> op.delete().id();
        };
    }
}
