package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.vesalius.dicom.data.DateRange;
import org.vesalius.dicom.data.DateTimeRange;
import org.vesalius.dicom.data.ElementDictionary;
import org.vesalius.dicom.data.TimeRange;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.AttributeMatch;
import org.vesalius.vna.archive.api.query.Condition;
import org.vesalius.vna.archive.api.query.PersonNames;
import org.vesalius.vna.archive.api.query.QueryAttribute;
import org.vesalius.vna.archive.api.query.QueryAttribute.MatchKind;
import org.vesalius.vna.archive.api.query.TimeWindow;

/** Turns the keys of a query into an Elasticsearch filter: every constraining key must hold. */
final class QueryTranslator {

    private QueryTranslator() {
    }

    /** The documents of one level: instances, or the summaries of studies or series. */
    static Query level(org.vesalius.vna.archive.api.query.QueryLevel level) {
        return Query.of(q -> q.term(t -> t.field(Fields.LEVEL).value(level.name())));
    }

    /** The filter for a query on the documents of {@code docs}: its keys, its receipt window and its patients. */
    static Query filter(org.vesalius.vna.archive.api.query.Query query, org.vesalius.vna.archive.api.query.QueryLevel docs) {
        return filter(query.matches(), query.received(), query.patients(), docs);
    }

    /**
     * The filter for these keys, documents of {@code docs} received in {@code received} (when not
     * null), of these patients (when any).
     */
    static Query filter(List<AttributeMatch> matches, TimeWindow received, Set<PatientId> patients,
            org.vesalius.vna.archive.api.query.QueryLevel docs) {
        List<Query> clauses = clauses(matches, null);
        clauses.add(level(docs));
        if (!patients.isEmpty()) {
            List<FieldValue> keys = patients.stream().map(p -> FieldValue.of(Fields.patientKey(p.id(), p.issuer()))).toList();
            clauses.add(Query.of(q -> q.terms(t -> t.field(Fields.PATIENT_KEY).terms(v -> v.value(keys)))));
        }
        if (received != null) {
            clauses.add(range(Fields.RECEIVED_AT, received.from() == null ? null : received.from().toEpochMilli(),
                    received.to() == null ? null : received.to().toEpochMilli()));
        }
        return Query.of(q -> q.bool(b -> b.filter(clauses)));
    }

    /** One clause per constraining key (sequence keys as nested queries), for documents with the instance fields' layout. */
    static List<Query> matching(List<AttributeMatch> matches) {
        return clauses(matches, null);
    }

    private static List<Query> clauses(List<AttributeMatch> matches, String parentPath) {
        List<Query> clauses = new ArrayList<>();
        for (AttributeMatch m : matches) {
            if (m.constrains()) {
                clauses.add(clause(m.attribute(), m.condition(), parentPath));
            }
        }
        return clauses;
    }

    private static Query clause(QueryAttribute a, Condition condition, String parentPath) {
        String field = Fields.of(a, parentPath);
        return switch (condition) {
            case Condition.SingleValue v -> single(a, field, v.value());
            case Condition.ValueList l -> Query.of(q -> q.terms(t -> t.field(field)
                    .terms(v -> v.value(l.values().stream().map(FieldValue::of).toList()))));
            case Condition.Wildcard w -> wildcard(a, field, w.pattern());
            case Condition.DateRangeMatch d -> dateRange(field, d.range());
            case Condition.TimeRangeMatch t -> timeRange(field, t.range());
            case Condition.DateTimeRangeMatch dt -> dateTimeRange(field, dt.range());
            case Condition.CombinedDateTimeMatch c -> combined(a, c);
            case Condition.SequenceMatch s -> Query.of(q -> q.nested(n -> n.path(field)
                    .query(Query.of(iq -> iq.bool(b -> b.filter(clauses(s.itemMatches(), field)))))));
            case Condition.Universal u -> Query.of(q -> q.matchAll(x -> x));
        };
    }

    private static Query single(QueryAttribute a, String field, String value) {
        if (a.kind() == MatchKind.PERSON_NAME) {
            return personName(field, value, false);
        }
        if (a.kind() == MatchKind.INTEGER) {
            long n = Long.parseLong(value);
            return Query.of(q -> q.term(t -> t.field(field).value(n)));
        }
        return Query.of(q -> q.term(t -> t.field(field).value(value)));
    }

    private static Query wildcard(QueryAttribute a, String field, String pattern) {
        if (a.kind() == MatchKind.PERSON_NAME) {
            return personName(field, pattern, true);
        }
        return Query.of(q -> q.wildcard(w -> w.field(field).value(escape(pattern))));
    }

    /**
     * A PN value without {@code =} matches any component group; with {@code =}, each group given
     * matches the same group of the name.
     */
    private static Query personName(String field, String value, boolean wild) {
        if (value.indexOf('=') < 0) {
            return pnTerm(field + "." + Fields.PN_ANY, PersonNames.normalize(value), wild);
        }
        String[] groups = value.split("=", -1);
        List<Query> clauses = new ArrayList<>();
        for (int g = 0; g < Math.min(3, groups.length); g++) {
            String folded = PersonNames.normalize(groups[g]);
            if (!folded.isEmpty() && !folded.chars().allMatch(c -> c == '*')) {
                clauses.add(pnTerm(field + "." + Fields.PN_GROUPS[g], folded, wild));
            }
        }
        if (clauses.isEmpty()) {
            return Query.of(q -> q.exists(e -> e.field(field + "." + Fields.PN_ANY)));
        }
        return Query.of(q -> q.bool(b -> b.filter(clauses)));
    }

    private static Query pnTerm(String field, String folded, boolean wild) {
        if (wild && (folded.indexOf('*') >= 0 || folded.indexOf('?') >= 0)) {
            return Query.of(q -> q.wildcard(w -> w.field(field).value(escape(folded))));
        }
        return Query.of(q -> q.term(t -> t.field(field).value(folded)));
    }

    private static Query dateRange(String field, DateRange r) {
        return range(field, r.from() == null ? null : Encodings.date(r.from()), r.to() == null ? null : Encodings.date(r.to()));
    }

    private static Query timeRange(String field, TimeRange r) {
        return range(field, r.from() == null ? null : Encodings.time(r.from()), r.to() == null ? null : Encodings.time(r.to()));
    }

    private static Query dateTimeRange(String field, DateTimeRange r) {
        return range(field, r.from() == null ? null : Encodings.dateTime(r.from()),
                r.to() == null ? null : Encodings.dateTime(r.to()));
    }

    /** The stored [min, max] of the date-time must meet the range (a day without time spans the day). */
    private static Query combined(QueryAttribute a, Condition.CombinedDateTimeMatch c) {
        DateTimeRange r = c.toDateTimeRange();
        String keyword = ElementDictionary.standard().keywordOf(a.tag());
        List<Query> clauses = new ArrayList<>();
        if (r.from() != null) {
            clauses.add(range(Fields.dateTime(keyword, "max"), Encodings.dateTime(r.from()), null));
        }
        if (r.to() != null) {
            clauses.add(range(Fields.dateTime(keyword, "min"), null, Encodings.dateTime(r.to())));
        }
        return Query.of(q -> q.bool(b -> b.filter(clauses)));
    }

    private static Query range(String field, Long from, Long to) {
        return Query.of(q -> q.range(r -> r.untyped(u -> {
            u.field(field);
            if (from != null) {
                u.gte(JsonData.of(from));
            }
            if (to != null) {
                u.lte(JsonData.of(to));
            }
            return u;
        })));
    }

    /** Escapes the wild card query's escape character; {@code *} and {@code ?} keep their meaning. */
    private static String escape(String pattern) {
        return pattern.replace("\\", "\\\\");
    }

}
