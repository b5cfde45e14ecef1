package org.vesalius.vna.archive.retrieve;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.ingest.Coercion;
import org.vesalius.vna.archive.journal.JournalEntry;
import org.vesalius.vna.archive.journal.JournalReplay;

/**
 * The header the archive serves for an instance: the stored one with its ingest coercions, then
 * the journal entries that apply, and for each of them an item of the Original Attributes
 * Sequence (0400,0561) holding the values it replaced, when, by whom and why (PS3.3 C.12.1:
 * {@code COERCE} for ingest, {@code CORRECT} for journal entries). The index gets the same values
 * (without that sequence) from {@link org.vesalius.vna.archive.ingest.InstanceLoader}.
 */
final class ServedHeader {

    private static final DateTimeFormatter DT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSSxx").withZone(ZoneOffset.UTC);

    private final Dataset header;
    private final String modifyingSystem;
    private final List<Dataset> originals = new ArrayList<>(2);

    /**
     * @param header          the stored header (mutable): it becomes the served one
     * @param modifyingSystem our name, for the Original Attributes Sequence
     */
    ServedHeader(Dataset header, String modifyingSystem) {
        this.header = header;
        this.modifyingSystem = modifyingSystem;
    }

    /**
     * Applies the coercions ingest recorded.
     *
     * @param coercedAt when ingest coerced (the blob's time)
     * @param sender    who sent the object ("" when unknown)
     */
    void coerce(List<Coercion> coercions, Instant coercedAt, String sender) {
        for (Coercion c : coercions) {
            c.applyTo(header);
            originals.add(c.originalAttributesItem(coercedAt, modifyingSystem, sender));
        }
    }

    /** The patient the header names now: the identity the journal knows it by. */
    PatientId patient() {
        return new PatientId(header.getString(Tags.PatientID, ""), header.getString(Tags.IssuerOfPatientID, ""));
    }

    /** Applies journal entries, in order. */
    void correct(List<JournalEntry> entries) {
        for (JournalEntry e : entries) {
            Dataset before = valuesBefore(header, e.newValues());
            JournalReplay.apply(header, List.of(e));
            originals.add(correction(before, e, modifyingSystem));
        }
    }

    /** Adds the Original Attributes Sequence items for what was applied, and returns the header. */
    Dataset finish() {
        if (!originals.isEmpty()) {
            Sequence seq = header.getSequence(Tags.OriginalAttributesSequence);
            if (seq == null) {
                seq = header.newSequence(Tags.OriginalAttributesSequence, originals.size());
            }
            for (Dataset item : originals) {
                Dataset target = seq.addItem(); // attached first, so that its text is written in the header's set
                for (int i = 0; i < item.size(); i++) {
                    JournalReplay.copy(item, i, target);
                }
            }
        }
        return header;
    }

    /** The current values of the attributes {@code newValues} sets, in UTF-8 so any of them fits; absent ones empty. */
    private static Dataset valuesBefore(Dataset header, Dataset newValues) {
        Dataset before = new Dataset(newValues.size() + 1);
        before.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        for (int i = 0; i < newValues.size(); i++) {
            int tag = newValues.tagAt(i);
            if (tag == Tag.SPECIFIC_CHARACTER_SET) {
                continue;
            }
            int at = header.indexOf(tag);
            if (at >= 0) {
                JournalReplay.copy(header, at, before);
            } else {
                before.set(tag, newValues.vrAt(i), null);
            }
        }
        return before;
    }

    private static Dataset correction(Dataset before, JournalEntry e, String modifyingSystem) {
        Dataset item = new Dataset(6);
        item.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        Dataset modified = item.newSequence(Tags.ModifiedAttributesSequence, 1).addItem();
        for (int i = 0; i < before.size(); i++) {
            if (before.tagAt(i) != Tag.SPECIFIC_CHARACTER_SET) {
                JournalReplay.copy(before, i, modified);
            }
        }
        item.setString(Tags.AttributeModificationDateTime, VR.DT, DT.format(e.recordedAt()));
        item.setString(Tags.ModifyingSystem, VR.LO, modifyingSystem);
        item.setString(Tags.SourceOfPreviousValues, VR.LO, "");
        item.setString(Tags.ReasonForTheAttributeModification, VR.CS, "CORRECT");
        return item;
    }
}
