package org.vesalius.vna.archive.api.worklist;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.query.AttributeMatch;
import org.vesalius.vna.archive.api.query.Condition;
import org.vesalius.vna.archive.api.query.ConditionParser;
import org.vesalius.vna.archive.api.query.InvalidQueryException;
import org.vesalius.vna.archive.api.query.QueryAttribute;

/**
 * Reads a Modality Worklist C-FIND identifier (PS3.4 K.6.1) into a {@link WorklistQuery}: the keys
 * of {@link WorklistAttributes} with the conditions of PS3.4 C.2.2.2 (as every other query of the
 * archive: {@link ConditionParser}), the step's keys as sequence matching on its one item. Date and
 * time are matched each on its own (combined date-time matching is not negotiated). Without a
 * Scheduled Procedure Step Status key only what is still to be done is found
 * ({@link OrderStatus#onWorklist()}); with one, the statuses it names.
 */
public final class WorklistQueryParser {

    private WorklistQueryParser() {
    }

    /**
     * The query of {@code identifier}.
     *
     * @throws InvalidQueryException a key whose value is not valid for its VR (named in the message)
     */
    public static WorklistQuery parse(Dataset identifier, int limit) {
        List<AttributeMatch> matches = new ArrayList<>();
        Set<OrderStatus> statuses = OrderStatus.onWorklist();
        for (int i = 0; i < identifier.size(); i++) {
            int tag = identifier.tagAt(i);
            QueryAttribute a = WorklistAttributes.get(tag);
            if (a == null) {
                continue; // a return key only
            }
            if (a.vr() == VR.SQ) {
                Sequence seq = identifier.getSequence(tag);
                if (seq == null || seq.isEmpty()) {
                    continue;
                }
                Dataset item = seq.get(0);
                List<AttributeMatch> itemMatches = new ArrayList<>();
                for (int j = 0; j < item.size(); j++) {
                    QueryAttribute ia = a.item(item.tagAt(j));
                    if (ia == null) {
                        continue;
                    }
                    Condition c = condition(ia, item);
                    if (ia.tag() == Tags.ScheduledProcedureStepStatus && !(c instanceof Condition.Universal)) {
                        statuses = statusesOf(item.getStrings(Tags.ScheduledProcedureStepStatus));
                        continue;
                    }
                    if (!(c instanceof Condition.Universal)) {
                        itemMatches.add(new AttributeMatch(ia, c));
                    }
                }
                if (!itemMatches.isEmpty()) {
                    matches.add(new AttributeMatch(a, new Condition.SequenceMatch(itemMatches)));
                }
            } else {
                Condition c = condition(a, identifier);
                if (!(c instanceof Condition.Universal)) {
                    matches.add(new AttributeMatch(a, c));
                }
            }
        }
        return new WorklistQuery(matches, statuses, Set.of(), limit);
    }

    private static Condition condition(QueryAttribute a, Dataset ds) {
        String[] values = ds.getStrings(a.tag());
        String raw = values == null ? "" : String.join("\\", values);
        return ConditionParser.parse(a, raw, "\\", a.keyword());
    }

    private static Set<OrderStatus> statusesOf(String[] values) {
        Set<OrderStatus> found = EnumSet.noneOf(OrderStatus.class);
        for (String v : values) {
            found.addAll(OrderStatus.ofDicom(v));
        }
        if (found.isEmpty()) {
            throw new InvalidQueryException("ScheduledProcedureStepStatus", "no step has the status " + String.join("\\", values)
                    + " (SCHEDULED, ARRIVED, READY, STARTED, COMPLETED, DISCONTINUED, CANCELED)");
        }
        return found;
    }
}
