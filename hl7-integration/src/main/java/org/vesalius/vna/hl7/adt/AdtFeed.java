package org.vesalius.vna.hl7.adt;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.model.v251.segment.MRG;
import ca.uhn.hl7v2.model.v251.segment.PID;
import ca.uhn.hl7v2.util.Terser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.update.PatientUpdate;
import org.vesalius.vna.archive.api.update.UpdatePort;
import org.vesalius.vna.archive.api.update.UpdateResult;
import org.vesalius.vna.hl7.message.Hl7Refusal;
import org.vesalius.vna.hl7.message.InboundMessage;

/**
 * ADT messages applied through the archive's update port (journal first, then the index; stored
 * bytes are never rewritten):
 * <ul>
 * <li>A01, A04, A05, A08, A28, A31: the patient's demographics (PID-5, PID-7, PID-8);</li>
 * <li>A40, A39 (merge) and A47 (change of identifier): the prior patient (MRG-1) becomes the
 * patient of PID-3, with its demographics. A merge of a patient into itself, or one that would
 * close a loop (B into A after A into B), is refused (205) and changes nothing; the same merge
 * again is applied again (a no-op). A prior patient the archive does not hold is recorded as
 * merged all the same, so that its instances, if they come later, join the target.</li>
 * <li>A24 (link) and A37 (unlink): the patients of the two PID segments are linked as records of
 * one person that both stay (FHIR {@code Patient.link} seealso), or no longer; their instances
 * do not change. A patient linked to itself is refused (205).</li>
 * </ul>
 * Other ADT events are refused as unsupported (201).
 */
public final class AdtFeed {

    static final Set<String> DEMOGRAPHICS = Set.of("A01", "A04", "A05", "A08", "A28", "A31");
    static final Set<String> MERGES = Set.of("A40", "A39", "A47");
    static final Set<String> LINKS = Set.of("A24", "A37");

    private final UpdatePort updates;
    private final PatientIdentities identities;
    private final MergeLinks links = new MergeLinks();

    public AdtFeed(UpdatePort updates, PatientIdentities identities) {
        this.updates = Objects.requireNonNull(updates, "updates");
        this.identities = Objects.requireNonNull(identities, "identities");
    }

    /** True when {@code type} (MSH-9, e.g. {@code ADT^A40}) is a merge this feed applies. */
    public static boolean isMerge(String type) {
        return type.startsWith("ADT^") && MERGES.contains(type.substring(4));
    }

    /**
     * An ADT message read and checked, ready to be applied ({@link #apply(Change)}).
     *
     * @param update      what the update port is to record, or null
     * @param mergedPrior the prior patient of a merge or change of identifier, else null
     * @param mergedInto  the patient it becomes, else null
     * @param link        the records an A24 links or an A37 unlinks, else null
     * @param summary     what applying it does, in words (for the message log)
     */
    public record Change(PatientUpdate update, PatientId mergedPrior, PatientId mergedInto, Link link, String summary) {

        /** True when applying it changes something. */
        public boolean changes() {
            return update != null || link != null;
        }
    }

    /** Two records linked (A24) or unlinked (A37), as {@code source} asked. */
    public record Link(PatientId first, PatientId second, boolean unlink, String source) {
    }

    /**
     * Applies {@code message} (an ADT message) now: {@link #accept}, {@link #apply(Change)}, {@link #committed}.
     *
     * @return what was done, in words (for the message log)
     * @throws Hl7Refusal what the message lacks or asks that cannot be done; nothing was changed
     */
    public String apply(InboundMessage message, String source) {
        Change change = accept(message, source, true);
        String done = apply(change);
        committed(change);
        return done;
    }

    /**
     * Reads and checks {@code message} without changing anything: a message this accepts can be
     * acknowledged and applied later, in order.
     *
     * @param check whether to refuse a merge that the merges before it make wrong (self, loop);
     *              false for a message accepted before (read again from the message log)
     * @throws Hl7Refusal what the message lacks or asks that cannot be done
     */
    public Change accept(InboundMessage message, String source, boolean check) {
        String trigger = message.trigger();
        if (DEMOGRAPHICS.contains(trigger)) {
            PID pid = segment(message, "PID", PID.class);
            PatientId patient = identities.identify(Arrays.asList(pid.getPatientIdentifierList()), "PID-3");
            List<Object> values = Demographics.of(pid);
            if (values.isEmpty()) {
                return new Change(null, null, null, null, "nothing to update for " + patient + " (PID-5, PID-7 and PID-8 are empty)");
            }
            return new Change(PatientUpdate.of(patient, "HL7 " + message.event(), source, values.toArray()), null, null, null,
                    "updated " + patient);
        }
        if (LINKS.contains(trigger)) {
            PatientId first = identities.identify(Arrays.asList(segment(message, "PID", PID.class).getPatientIdentifierList()), "PID-3");
            PatientId second = identities.identify(Arrays.asList(segment(message, "PID2", PID.class).getPatientIdentifierList()),
                    "PID-3 of the second PID");
            if (first.equals(second)) {
                throw new Hl7Refusal(Hl7Refusal.Kind.ERROR, ErrorCode.DUPLICATE_KEY_IDENTIFIER,
                        "both PID segments name patient " + first + ": a patient cannot be linked to itself");
            }
            boolean unlink = trigger.equals("A37");
            return new Change(null, null, null, new Link(first, second, unlink, source), (unlink ? "unlinked " : "linked ") + first + " and "
                    + second);
        }
        if (MERGES.contains(trigger)) {
            Merge merge = mergeOf(message);
            if (check) {
                refuseWrongMerge(merge);
            }
            List<Object> values = new ArrayList<>(List.of(Tags.PatientID, merge.target().id(), Tags.IssuerOfPatientID,
                    merge.target().issuer()));
            values.addAll(Demographics.of(merge.pid()));
            PatientUpdate update = PatientUpdate.of(merge.prior(), "HL7 " + message.event() + " merge into " + merge.target(), source,
                    values.toArray());
            return new Change(update, merge.prior(), merge.target(), null, "merged " + merge.prior() + " into " + merge.target());
        }
        throw new Hl7Refusal(Hl7Refusal.Kind.REJECT, ErrorCode.UNSUPPORTED_EVENT_CODE,
                "ADT event " + trigger + " is not supported (A01, A04, A05, A08, A24, A28, A31, A37, A39, A40, A47 are)");
    }

    /**
     * Applies an accepted change through the update port.
     *
     * @return what was done, in words
     * @throws RuntimeException the update port failed (storage unavailable): nothing was recorded
     */
    public String apply(Change change) {
        if (change.link() != null) {
            Link l = change.link();
            if (l.unlink()) {
                return change.summary() + (updates.unlink(l.first(), l.second(), l.source()) ? "" : " (they were not linked)");
            }
            updates.link(l.first(), l.second(), l.source());
            return change.summary();
        }
        if (change.update() == null) {
            return change.summary();
        }
        UpdateResult result = updates.update(change.update());
        return change.summary() + " (" + describe(result) + ")";
    }

    /**
     * Remembers an accepted change once its message is in the log: a merge is what later merges are
     * checked against.
     */
    public void committed(Change change) {
        if (change.mergedPrior() != null) {
            links.merged(change.mergedPrior(), change.mergedInto());
        }
    }

    private void refuseWrongMerge(Merge merge) {
        if (merge.prior().equals(merge.target())) {
            throw new Hl7Refusal(Hl7Refusal.Kind.ERROR, ErrorCode.DUPLICATE_KEY_IDENTIFIER,
                    "MRG-1 and PID-3 name the same patient " + merge.target() + ": a patient cannot be merged into itself");
        }
        if (links.wouldLoop(merge.prior(), merge.target())) {
            throw new Hl7Refusal(Hl7Refusal.Kind.ERROR, ErrorCode.DUPLICATE_KEY_IDENTIFIER, "merging " + merge.prior() + " into "
                    + merge.target() + " would close a loop: " + merge.target() + " was merged into " + merge.prior() + " before");
        }
    }

    /** Remembers a merge applied before (read back from the message log at start). */
    public void remember(InboundMessage message) {
        if (MERGES.contains(message.trigger())) {
            try {
                Merge merge = mergeOf(message);
                links.merged(merge.prior(), merge.target());
            } catch (Hl7Refusal e) {
                // it was applied, so it was readable; nothing to remember otherwise
            }
        }
    }

    private record Merge(PatientId prior, PatientId target, PID pid) {
    }

    private Merge mergeOf(InboundMessage message) {
        PID pid = segment(message, "PID", PID.class);
        MRG mrg = segment(message, "MRG", MRG.class);
        PatientId target = identities.identify(Arrays.asList(pid.getPatientIdentifierList()), "PID-3");
        PatientId prior = identities.identify(Arrays.asList(mrg.getPriorPatientIdentifierList()), "MRG-1");
        return new Merge(prior, target, pid);
    }

    private static String describe(UpdateResult result) {
        return "journal " + result.sequence() + ", the index follows";
    }

    /** The first {@code name} segment anywhere in the message (in its group, for merges). */
    private static <S> S segment(InboundMessage message, String name, Class<S> type) {
        Structure found;
        try {
            found = new Terser(message.message()).getSegment("/." + name);
            if (found != null && ((Segment) found).isEmpty()) {
                found = null;
            }
        } catch (HL7Exception | RuntimeException e) {
            found = null;
        }
        if (!type.isInstance(found)) {
            throw new Hl7Refusal(Hl7Refusal.Kind.ERROR, ErrorCode.SEGMENT_SEQUENCE_ERROR,
                    message.event() + " needs a " + name + " segment");
        }
        return type.cast(found);
    }
}
