package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.vesalius.vna.archive.api.query.InvalidQueryException;

/**
 * Keyset positions for collapsed results: the sort values of the last entity of a page, and the
 * filter that selects the entities sorting after it. Elasticsearch's own {@code search_after}
 * cannot be combined with field collapsing on a different sort, so the position becomes a
 * filter on the sort keys (applied as {@code post_filter}, so totals still count every match).
 *
 * <p>Every sort key sorts missing values last. A position is opaque to callers:
 * {@code p1.} then base64url of the values, each {@code -} (missing), {@code l<long>} or
 * {@code s<text>}, separated by NUL.
 */
final class Positions {

    /** One sort key: its field, direction, and whether it holds numbers. */
    record Key(String field, SortOrder order, boolean numeric) {
    }

    private static final String PREFIX = "p1.";

    private Positions() {
    }

    /** The position of a hit with these sort values (Elasticsearch reports a missing long as Long.MIN/MAX_VALUE). */
    static String encode(List<Key> keys, List<FieldValue> sortValues) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                b.append('\0');
            }
            FieldValue v = i < sortValues.size() ? sortValues.get(i) : null;
            if (v == null || v.isNull()) {
                b.append('-');
            } else if (keys.get(i).numeric()) {
                long n = v.isLong() ? v.longValue() : (long) v.doubleValue();
                b.append(n == Long.MIN_VALUE || n == Long.MAX_VALUE ? "-" : "l" + n);
            } else {
                b.append('s').append(v.isString() ? v.stringValue() : v._toJsonString());
            }
        }
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The values of a position, null for missing ones; refuses anything this class did not write for these keys. */
    static List<Object> decode(List<Key> keys, String position) {
        String text;
        try {
            if (!position.startsWith(PREFIX)) {
                throw new IllegalArgumentException("prefix");
            }
            text = new String(Base64.getUrlDecoder().decode(position.substring(PREFIX.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused();
        }
        String[] parts = text.split("\0", -1);
        if (parts.length != keys.size()) {
            throw refused();
        }
        List<Object> values = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            Key key = keys.get(i);
            if (p.equals("-")) {
                values.add(null);
            } else if (key.numeric() && p.startsWith("l")) {
                try {
                    values.add(Long.parseLong(p.substring(1)));
                } catch (NumberFormatException e) {
                    throw refused();
                }
            } else if (!key.numeric() && p.startsWith("s")) {
                values.add(p.substring(1));
            } else {
                throw refused();
            }
        }
        if (values.get(values.size() - 1) == null) {
            throw refused(); // the last key is a unique key: always present
        }
        return values;
    }

    private static InvalidQueryException refused() {
        return new InvalidQueryException("after", "not a position this archive gave out for this query");
    }

    /**
     * Entities after the position: for some i, keys 1..i-1 equal and key i after. With missing
     * values last, "after v" is "beyond v in the key's direction, or missing", and nothing is
     * after a missing value except through a later key.
     */
    static Query after(List<Key> keys, List<Object> values) {
        List<Query> alternatives = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Object v = values.get(i);
            if (v != null) {
                List<Query> all = new ArrayList<>();
                for (int j = 0; j < i; j++) {
                    all.add(equal(keys.get(j), values.get(j)));
                }
                all.add(beyond(keys.get(i), v));
                alternatives.add(Query.of(q -> q.bool(b -> b.filter(all))));
            }
        }
        return Query.of(q -> q.bool(b -> b.should(alternatives).minimumShouldMatch("1")));
    }

    private static Query equal(Key key, Object v) {
        if (v == null) {
            return Query.of(q -> q.bool(b -> b.mustNot(n -> n.exists(e -> e.field(key.field())))));
        }
        return v instanceof Long n
                ? Query.of(q -> q.term(t -> t.field(key.field()).value(n)))
                : Query.of(q -> q.term(t -> t.field(key.field()).value((String) v)));
    }

    private static Query beyond(Key key, Object v) {
        JsonData bound = v instanceof Long n ? JsonData.of(n) : JsonData.of((String) v);
        Query range = Query.of(q -> q.range(r -> r.untyped(u -> key.order() == SortOrder.Asc
                ? u.field(key.field()).gt(bound) : u.field(key.field()).lt(bound))));
        Query missing = Query.of(q -> q.bool(b -> b.mustNot(n -> n.exists(e -> e.field(key.field())))));
        return Query.of(q -> q.bool(b -> b.should(range, missing).minimumShouldMatch("1")));
    }
}
