package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Sends one bulk chunk so that a request Elasticsearch refuses as a whole for its size (413,
 * {@code http.max_content_length}) cannot block the others: the chunk is split in halves,
 * recursively, until the operation that is too large on its own is alone; that one is refused,
 * every other one is sent. Without this, the same chunk would fail on every retry and every
 * catch-up round would stop at it.
 *
 * <p>The client streams a bulk body without a length, so Elasticsearch can only refuse it once
 * it has read past its limit: it answers 413 and closes the connection, and the client sees
 * either the 413 or, still writing, a broken pipe or a reset. A connection broken while sending
 * is therefore split too (the halves go through if it was the size, and fail as before if
 * Elasticsearch is down); a single operation is sent once more and refused only if that breaks
 * too while Elasticsearch answers a ping; otherwise the failure stands (retried later).
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
            BooleanSupplier reachable, Map<String, String> refused) {
        List<BulkResponseItem> items = new ArrayList<>();
        send(chunk, bulk, reachable, refused, items);
        return items;
    }

    private static void send(List<BulkOperation> chunk, Function<List<BulkOperation>, BulkResponse> bulk, BooleanSupplier reachable,
            Map<String, String> refused, List<BulkResponseItem> items) {
        if (chunk.isEmpty()) {
            return;
        }
        BulkResponse response;
        try {
            response = bulk.apply(chunk);
        } catch (RuntimeException e) {
            if (!tooLarge(e) && !brokenWhileSending(e)) {
                throw e;
            }
            if (chunk.size() > 1) {
                int half = chunk.size() / 2;
                send(chunk.subList(0, half), bulk, reachable, refused, items);
                send(chunk.subList(half, chunk.size()), bulk, reachable, refused, items);
                return;
            }
            response = alone(chunk, bulk, reachable, refused, e);
            if (response == null) {
                return;
            }
        }
        if (response.errors()) {
            items.addAll(response.items());
        }
    }

    /**
     * The one operation of {@code chunk}, which failed with {@code first}: refused for its size when
     * Elasticsearch said 413; after a broken connection, sent once more (a passing fault does not
     * recur) and refused only if that breaks too while Elasticsearch answers a ping.
     *
     * @return the response of the second attempt, or null when the operation was refused
     */
    private static BulkResponse alone(List<BulkOperation> chunk, Function<List<BulkOperation>, BulkResponse> bulk,
            BooleanSupplier reachable, Map<String, String> refused, RuntimeException first) {
        if (!tooLarge(first)) {
            try {
                return bulk.apply(chunk);
            } catch (RuntimeException again) {
                if (!tooLarge(again) && !(brokenWhileSending(again) && reachable.getAsBoolean())) {
                    throw again;
                }
            }
        }
        refused.put(id(chunk.get(0)), TOO_LARGE + " request_entity_too_large: this document alone makes a bulk request"
                + " larger than Elasticsearch accepts (http.max_content_length)");
        return null;
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

    /** True when the connection was open and broke while the request was sent (not refused, not timed out). */
    static boolean brokenWhileSending(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof java.net.SocketTimeoutException) {
                return false;
            }
            String m = t.getMessage();
            if (t instanceof IOException && m != null && (m.contains("Broken pipe") || m.contains("Connection reset"))) {
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
