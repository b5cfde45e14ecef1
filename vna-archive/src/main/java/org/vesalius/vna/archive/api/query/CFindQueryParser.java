package org.vesalius.vna.archive.api.query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;

/**
 * Reads a C-FIND identifier (PS3.4 C.4.1) into a {@link Query}: Query/Retrieve Level, keys with
 * a value (matching) and keys without (return keys). Every key of the identifier is a return
 * key; results carry nothing else.
 *
 * <p>Without relational queries (extended negotiation), the query is hierarchical: keys of
 * levels below the query level must be empty, and each level above must be fixed by its unique
 * key (a single value or a list of UIDs); otherwise {@link InvalidQueryException} (the SCP's
 * 0xA900 or 0xC000). Keys of lower levels are then dropped from the results.
 */
public final class CFindQueryParser {

    /** The information model of the C-FIND SOP class. */
    public enum InformationModel { PATIENT_ROOT, STUDY_ROOT }

    /**
     * How to read the identifier.
     *
     * @param model            Patient Root or Study Root
     * @param relational       relational queries were negotiated
     * @param combinedDateTime combined date-time matching was negotiated (PS3.4 C.2.2.2.5.1);
     *                         without it date and time keys match independently
     * @param fuzzyMatching    fuzzy semantic matching of person names was negotiated (not done
     *                         here: literal matching, with a warning in the result)
     */
    public record Options(InformationModel model, boolean relational, boolean combinedDateTime, boolean fuzzyMatching) {
        public Options {
            Objects.requireNonNull(model, "model");
        }

        /** Hierarchical, no extended negotiation. */
        public static Options of(InformationModel model) {
            return new Options(model, false, false, false);
        }
    }

    private CFindQueryParser() {
    }

    /**
     * Parses {@code identifier}.
     *
     * @throws InvalidQueryException naming the key at fault
     */
    public static Query parse(Dataset identifier, Options options) {
        QueryLevel level = QueryLevel.ofDicomName(identifier.getString(Tags.QueryRetrieveLevel));
        if (level == QueryLevel.PATIENT && options.model() == InformationModel.STUDY_ROOT) {
            throw new InvalidQueryException("QueryRetrieveLevel", "Study Root has no PATIENT level");
        }
        List<AttributeMatch> matches = new ArrayList<>();
        Set<Integer> returnTags = new HashSet<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < identifier.size(); i++) {
            int tag = identifier.tagAt(i);
            if (tag == Tags.QueryRetrieveLevel || tag == Tag.SPECIFIC_CHARACTER_SET || Tag.isFileMeta(tag)
                    || Tag.isGroupLength(tag) || Tag.isPrivateCreator(tag)) {
                continue;
            }
            String name = AttributeNames.nameOf(tag);
            QueryAttribute attribute = QueryAttributes.get(tag);
            boolean below = attribute != null && attribute.level().isBelow(level);
            AttributeMatch match = null;
            if (identifier.vrAt(i) == VR.SQ || (attribute != null && attribute.kind() == QueryAttribute.MatchKind.SEQUENCE)) {
                match = sequence(identifier, tag, attribute, name, ignored);
            } else {
                String value = text(identifier, tag);
                if (attribute != null && attribute.matchable()) {
                    match = new AttributeMatch(attribute, ConditionParser.parse(attribute, value, "\\", name));
                } else if (!value.isBlank()) {
                    ignored.add(name);
                }
            }
            if (below && !options.relational()) {
                if (match != null && match.constrains()) {
                    throw new InvalidQueryException(name, "is a " + attribute.level() + " key and cannot match at the "
                            + level + " level without relational queries");
                }
                continue;
            }
            returnTags.add(tag);
            if (match != null) {
                matches.add(match);
            }
        }
        if (!options.relational()) {
            requireUniqueKeysAbove(level, options.model(), matches);
        }
        if (options.combinedDateTime()) {
            matches = ConditionParser.combineDateTimes(matches);
        }
        return new Query(level, matches, new ReturnKeys(false, false, returnTags), 0, 0, options.fuzzyMatching(), ignored);
    }

    private static AttributeMatch sequence(Dataset identifier, int tag, QueryAttribute attribute, String name, List<String> ignored) {
        Sequence seq = identifier.getSequence(tag);
        if (seq != null && seq.size() > 1) {
            throw new InvalidQueryException(name, "a sequence key holds at most one item (PS3.4 C.2.2.2.6)");
        }
        Dataset item = seq == null || seq.isEmpty() ? null : seq.get(0);
        List<AttributeMatch> itemMatches = new ArrayList<>();
        if (item != null) {
            for (int i = 0; i < item.size(); i++) {
                int itemTag = item.tagAt(i);
                if (itemTag == Tag.SPECIFIC_CHARACTER_SET || Tag.isPrivateCreator(itemTag)) {
                    continue;
                }
                String itemName = name + "." + AttributeNames.nameOf(itemTag);
                QueryAttribute itemAttribute = attribute == null ? null : attribute.item(itemTag);
                String value = item.vrAt(i) == VR.SQ ? "" : text(item, itemTag);
                if (itemAttribute == null) {
                    if (!value.isBlank() || item.vrAt(i) == VR.SQ && hasContent(item.getSequence(itemTag))) {
                        ignored.add(itemName);
                    }
                    continue;
                }
                Condition c = ConditionParser.parse(itemAttribute, value, "\\", itemName);
                if (!(c instanceof Condition.Universal)) {
                    itemMatches.add(new AttributeMatch(itemAttribute, c));
                }
            }
        }
        if (attribute == null || !attribute.matchable()) {
            if (!itemMatches.isEmpty()) {
                ignored.add(name);
            }
            return null;
        }
        return new AttributeMatch(attribute, itemMatches.isEmpty() ? Condition.Universal.INSTANCE
                : new Condition.SequenceMatch(itemMatches));
    }

    private static boolean hasContent(Sequence seq) {
        return seq != null && seq.stream().anyMatch(d -> !d.isEmpty());
    }

    private static String text(Dataset dataset, int tag) {
        String[] values = dataset.getStrings(tag);
        return values == null ? "" : String.join("\\", values);
    }

    private static void requireUniqueKeysAbove(QueryLevel level, InformationModel model, List<AttributeMatch> matches) {
        for (QueryLevel above : QueryLevel.values()) {
            if (!level.isBelow(above) || (above == QueryLevel.PATIENT && model == InformationModel.STUDY_ROOT)) {
                continue;
            }
            boolean fixed = matches.stream().anyMatch(m -> m.tag() == above.uniqueKey()
                    && (m.condition() instanceof Condition.SingleValue || m.condition() instanceof Condition.ValueList));
            if (!fixed) {
                throw new InvalidQueryException(AttributeNames.nameOf(above.uniqueKey()),
                        "a hierarchical query at the " + level + " level needs the unique key of the " + above
                                + " level as a single value or list of UIDs");
            }
        }
    }
}
