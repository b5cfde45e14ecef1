package org.vesalius.vna.archive.api.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads QIDO-RS query parameters (PS3.18 8.3.4) into a {@link Query}: {@code {attributeID}={value}}
 * with keywords or tags, dotted paths into sequences ({@code RequestAttributesSequence.AccessionNumber}),
 * {@code includefield} (comma lists and {@code all}), {@code limit}, {@code offset} and
 * {@code fuzzymatching}. Parameter values must already be percent-decoded.
 *
 * <p>Date and time pairs (StudyDate with StudyTime, ...) always use combined date-time matching.
 * Keys of lower levels are allowed at every level (relational queries); UID values may be lists
 * separated by commas or backslashes. The parameters {@code accept} and {@code charset}
 * (PS3.18 8.3.3) are left to the web layer and ignored here.
 */
public final class QidoQueryParser {

    private static final Set<String> IGNORED = Set.of("accept", "charset");

    /**
     * The path parameters of a nested search ({@code /studies/{study}/series/{series}/instances}).
     *
     * @param studyInstanceUid  the study, or null
     * @param seriesInstanceUid the series, or null
     */
    public record Scope(String studyInstanceUid, String seriesInstanceUid) {
        /** No path parameters. */
        public static final Scope NONE = new Scope(null, null);
    }

    private QidoQueryParser() {
    }

    /** Parses a search without path parameters. */
    public static Query parse(QueryLevel level, Map<String, List<String>> parameters) {
        return parse(level, Scope.NONE, parameters);
    }

    /**
     * Parses a search at {@code level} (STUDY, SERIES or INSTANCE) within {@code scope}.
     *
     * @throws InvalidQueryException naming the parameter at fault
     */
    public static Query parse(QueryLevel level, Scope scope, Map<String, List<String>> parameters) {
        if (level == QueryLevel.PATIENT) {
            throw new IllegalArgumentException("QIDO-RS has no patient level");
        }
        Keys keys = new Keys();
        if (scope.studyInstanceUid() != null) {
            keys.add("study path parameter", QueryAttributes.get(org.vesalius.dicom.data.Tags.StudyInstanceUID),
                    scope.studyInstanceUid());
        }
        if (scope.seriesInstanceUid() != null) {
            keys.add("series path parameter", QueryAttributes.get(org.vesalius.dicom.data.Tags.SeriesInstanceUID),
                    scope.seriesInstanceUid());
        }
        int limit = 0;
        int offset = 0;
        boolean fuzzy = false;
        boolean all = false;
        Set<Integer> include = new HashSet<>();
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            String name = p.getKey();
            List<String> values = p.getValue() == null ? List.of() : p.getValue();
            switch (name) {
                case "limit" -> limit = number(name, single(name, values));
                case "offset" -> offset = number(name, single(name, values));
                case "fuzzymatching" -> fuzzy = bool(name, single(name, values));
                case "includefield" -> {
                    for (String v : values) {
                        for (String field : v.split(",", -1)) {
                            String f = field.strip();
                            if (f.equals("all")) {
                                all = true;
                            } else if (f.isEmpty()) {
                                throw new InvalidQueryException(name, "empty attribute name");
                            } else {
                                include.add(AttributeNames.tagOf(f.split("\\.", -1)[0], name));
                            }
                        }
                    }
                }
                default -> {
                    if (!IGNORED.contains(name)) {
                        keys.addParameter(name, values);
                    }
                }
            }
        }
        include.addAll(keys.returnTags);
        List<AttributeMatch> matches = ConditionParser.combineDateTimes(keys.matches());
        return new Query(level, matches, new ReturnKeys(all, true, include), limit, offset, fuzzy, keys.ignored);
    }

    private static String single(String name, List<String> values) {
        if (values.size() != 1) {
            throw new InvalidQueryException(name, "expected exactly one value, got " + values.size());
        }
        return values.get(0).strip();
    }

    private static int number(String name, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new InvalidQueryException(name, "must not be negative: " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(name, "'" + value + "' is not a non-negative integer", e);
        }
    }

    private static boolean bool(String name, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidQueryException(name, "'" + value + "' is not true or false");
        };
    }

    /** The attribute parameters, in order, with sequence item keys gathered per sequence. */
    private static final class Keys {
        private final Map<Integer, AttributeMatch> plain = new LinkedHashMap<>();
        private final Map<Integer, List<AttributeMatch>> items = new LinkedHashMap<>();
        private final Set<Integer> returnTags = new HashSet<>();
        private final List<String> ignored = new ArrayList<>();
        private final List<AttributeMatch> extra = new ArrayList<>();

        void addParameter(String name, List<String> values) {
            String[] path = name.split("\\.", -1);
            if (path.length > 2) {
                throw new InvalidQueryException(name, "sequence matching goes one level deep");
            }
            int tag = AttributeNames.tagOf(path[0], name);
            returnTags.add(tag);
            QueryAttribute attribute = QueryAttributes.get(tag);
            String value = joinValues(name, attribute, values);
            if (path.length == 2) {
                int itemTag = AttributeNames.tagOf(path[1], name);
                QueryAttribute item = attribute == null ? null : attribute.item(itemTag);
                if (attribute == null || attribute.kind() != QueryAttribute.MatchKind.SEQUENCE || item == null) {
                    ignore(name, value);
                    return;
                }
                Condition c = ConditionParser.parse(item, value, "\\,", name);
                if (!(c instanceof Condition.Universal)) {
                    items.computeIfAbsent(tag, t -> new ArrayList<>()).add(new AttributeMatch(item, c));
                }
                plain.putIfAbsent(tag, new AttributeMatch(attribute, Condition.Universal.INSTANCE));
                return;
            }
            if (attribute == null || !attribute.matchable()) {
                ignore(name, value);
                return;
            }
            if (attribute.kind() == QueryAttribute.MatchKind.SEQUENCE) {
                if (!value.isBlank()) {
                    throw new InvalidQueryException(name, "a sequence is matched through its items, e.g. "
                            + attribute.keyword() + "." + attribute.items().get(0).keyword() + "=...");
                }
                plain.putIfAbsent(tag, new AttributeMatch(attribute, Condition.Universal.INSTANCE));
                return;
            }
            add(name, attribute, value);
        }

        void add(String name, QueryAttribute attribute, String value) {
            AttributeMatch m = new AttributeMatch(attribute, ConditionParser.parse(attribute, value, "\\,", name));
            AttributeMatch previous = plain.get(attribute.tag());
            if (previous != null && previous.constrains()) {
                extra.add(m); // a path parameter and a query parameter for one UID: both must hold
            } else {
                plain.put(attribute.tag(), m);
            }
        }

        private void ignore(String name, String value) {
            if (!value.isBlank()) {
                ignored.add(name);
            }
        }

        List<AttributeMatch> matches() {
            List<AttributeMatch> out = new ArrayList<>();
            for (AttributeMatch m : plain.values()) {
                List<AttributeMatch> itemMatches = items.get(m.tag());
                out.add(itemMatches == null ? m : new AttributeMatch(m.attribute(), new Condition.SequenceMatch(itemMatches)));
            }
            out.addAll(extra);
            return out;
        }

        private static String joinValues(String name, QueryAttribute attribute, List<String> values) {
            if (values.isEmpty()) {
                return "";
            }
            if (values.size() == 1) {
                return values.get(0);
            }
            if (attribute != null && attribute.kind() == QueryAttribute.MatchKind.UID) {
                return String.join(",", values);
            }
            throw new InvalidQueryException(name, "given " + values.size() + " times; only UID lists may repeat");
        }
    }
}
