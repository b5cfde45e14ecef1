package org.vesalius.vna.archive.api.query;

import java.util.ArrayList;
import java.util.List;
import org.vesalius.dicom.data.DateRange;
import org.vesalius.dicom.data.DateTimeRange;
import org.vesalius.dicom.data.TimeRange;
import org.vesalius.vna.archive.api.query.QueryAttribute.MatchKind;

/**
 * Reads the value of one key (as QIDO-RS or C-FIND gives it) into its {@link Condition},
 * following PS3.4 C.2.2.2 for the attribute's VR. Shared by every parser of a query identifier
 * (QIDO-RS, C-FIND, and the Modality Worklist's in {@code api.worklist}) so that they cannot
 * disagree.
 */
public final class ConditionParser {

    private ConditionParser() {
    }

    /**
     * The condition of a non-sequence key.
     *
     * @param attribute the attribute
     * @param raw       the value; null or blank is universal matching
     * @param listSeparators the characters that separate list values: {@code "\\"} for C-FIND,
     *                  {@code "\\,"} for QIDO-RS (PS3.18 8.3.4.1 allows commas in UID lists)
     * @param parameter how the caller named the key, for messages
     * @throws InvalidQueryException when the value is not valid for the VR
     */
    public static Condition parse(QueryAttribute attribute, String raw, String listSeparators, String parameter) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            return Condition.Universal.INSTANCE;
        }
        if (value.chars().allMatch(c -> c == '*') && attribute.allowsWildcards()) {
            return Condition.Universal.INSTANCE;
        }
        MatchKind kind = attribute.kind();
        return switch (kind) {
            case UID -> uids(value, listSeparators, parameter);
            case DATE -> range(parameter, value, () -> new Condition.DateRangeMatch(DateRange.parse(value)));
            case TIME -> range(parameter, value, () -> new Condition.TimeRangeMatch(TimeRange.parse(value)));
            case DATE_TIME -> range(parameter, value, () -> new Condition.DateTimeRangeMatch(DateTimeRange.parse(value)));
            case INTEGER -> integer(value, parameter);
            case TEXT, PERSON_NAME -> text(attribute, value, listSeparators, parameter);
            case SEQUENCE -> throw new InvalidQueryException(parameter, "a sequence takes item keys, not a value");
            case NONE -> throw new IllegalArgumentException(attribute + " is not matchable");
        };
    }

    private static Condition uids(String value, String separators, String parameter) {
        List<String> uids = new ArrayList<>();
        for (String part : split(value, separators)) {
            String uid = part.strip();
            if (uid.isEmpty()) {
                throw new InvalidQueryException(parameter, "empty UID in list '" + value + "'");
            }
            if (uid.indexOf('*') >= 0 || uid.indexOf('?') >= 0) {
                throw new InvalidQueryException(parameter, "wild cards are not allowed in UIDs (PS3.4 C.2.2.2.4)");
            }
            if (!uid.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.') || uid.length() > 64) {
                throw new InvalidQueryException(parameter, "'" + uid + "' is not a UID");
            }
            uids.add(uid);
        }
        return uids.size() == 1 ? new Condition.SingleValue(uids.get(0)) : new Condition.ValueList(uids);
    }

    private static Condition integer(String value, String parameter) {
        if (value.indexOf('\\') >= 0) {
            throw new InvalidQueryException(parameter, "multiple values are only allowed for UIDs and code strings");
        }
        try {
            return new Condition.SingleValue(Long.toString(Long.parseLong(value.startsWith("+") ? value.substring(1) : value)));
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(parameter, "'" + value + "' is not an integer", e);
        }
    }

    private static Condition text(QueryAttribute attribute, String value, String separators, String parameter) {
        boolean wild = value.indexOf('*') >= 0 || value.indexOf('?') >= 0;
        // A code string never holds a comma, so QIDO-RS's comma lists are unambiguous for CS.
        boolean list = value.indexOf('\\') >= 0
                || (attribute.vr() == org.vesalius.dicom.data.VR.CS && separators.indexOf(',') >= 0 && value.indexOf(',') >= 0);
        if (list) {
            if (attribute.vr() != org.vesalius.dicom.data.VR.CS) {
                throw new InvalidQueryException(parameter, "multiple values are only allowed for UIDs and code strings");
            }
            List<String> codes = new ArrayList<>();
            for (String code : split(value, separators)) {
                String c = code.strip();
                if (c.isEmpty() || c.indexOf('*') >= 0 || c.indexOf('?') >= 0) {
                    throw new InvalidQueryException(parameter, "a list of codes takes no empty values and no wild cards");
                }
                codes.add(c);
            }
            return new Condition.ValueList(codes);
        }
        if (wild) {
            if (!attribute.allowsWildcards()) {
                throw new InvalidQueryException(parameter, "wild cards are not allowed for VR " + attribute.vr());
            }
            return new Condition.Wildcard(value);
        }
        return new Condition.SingleValue(value);
    }

    private static Condition range(String parameter, String value, java.util.function.Supplier<Condition> parse) {
        if (value.indexOf('\\') >= 0) {
            throw new InvalidQueryException(parameter, "multiple values are not allowed for dates and times");
        }
        if (value.indexOf('*') >= 0 || value.indexOf('?') >= 0) {
            throw new InvalidQueryException(parameter, "wild cards are not allowed for dates and times (use a range)");
        }
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(parameter, e.getMessage(), e);
        }
    }

    private static List<String> split(String value, String separators) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            if (separators.indexOf(value.charAt(i)) >= 0) {
                parts.add(value.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(value.substring(start));
        return parts;
    }

    /**
     * Applies combined date-time matching (PS3.4 C.2.2.2.5.1): where both a DA key and its TM
     * partner constrain, the DA key gets a {@link Condition.CombinedDateTimeMatch} and the TM key
     * becomes a return key.
     */
    static List<AttributeMatch> combineDateTimes(List<AttributeMatch> matches) {
        List<AttributeMatch> out = new ArrayList<>(matches);
        for (int[] pair : QueryAttributes.dateTimePairs()) {
            int d = indexOf(out, pair[0]);
            int t = indexOf(out, pair[1]);
            if (d < 0 || t < 0 || !(out.get(d).condition() instanceof Condition.DateRangeMatch date)
                    || !(out.get(t).condition() instanceof Condition.TimeRangeMatch time)) {
                continue;
            }
            out.set(d, new AttributeMatch(out.get(d).attribute(),
                    new Condition.CombinedDateTimeMatch(pair[1], date.range(), time.range())));
            out.set(t, new AttributeMatch(out.get(t).attribute(), Condition.Universal.INSTANCE));
        }
        return out;
    }

    private static int indexOf(List<AttributeMatch> matches, int tag) {
        for (int i = 0; i < matches.size(); i++) {
            if (matches.get(i).tag() == tag) {
                return i;
            }
        }
        return -1;
    }
}
