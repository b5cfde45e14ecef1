package org.vesalius.vna.archive.api.ingest;

import java.util.Objects;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.VR;

/**
 * A change ingest makes to an instance's header. The stored bytes stay exactly as received: the
 * coercion is recorded beside the blob (ingest's coercion records) and applied wherever the header
 * is read (index, reindex, retrieval, which also adds the Original Attributes Sequence).
 *
 * @param rule           the rule's stable name, for example {@code default-issuer-of-patient-id}
 * @param reason         why, in a sentence (goes to the log and the record)
 * @param newValues      the attributes to set, top level only; frozen
 * @param originalValues their values before (an attribute that was absent is present with an
 *                       empty value, as PS3.3 C.12.1.1.9 asks of the Modified Attributes
 *                       Sequence); frozen
 */
public record Coercion(String rule, String reason, Dataset newValues, Dataset originalValues) {

    public Coercion {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(newValues, "newValues");
        Objects.requireNonNull(originalValues, "originalValues");
        newValues.freeze();
        originalValues.freeze();
    }

    /**
     * This coercion as an item of the Original Attributes Sequence (0400,0561), PS3.3 C.12.1:
     * the original values in the Modified Attributes Sequence, when, by whom and why ("COERCE").
     *
     * @param at                     when the coercion was made
     * @param modifyingSystem        the system that made it (our AE title or name)
     * @param sourceOfPreviousValues who supplied the original values (the sender), "" when unknown
     */
    public Dataset originalAttributesItem(java.time.Instant at, String modifyingSystem, String sourceOfPreviousValues) {
        Dataset item = new Dataset(6);
        Dataset modified = new Dataset(originalValues.size());
        for (int i = 0; i < originalValues.size(); i++) {
            modified.set(originalValues.tagAt(i), originalValues.vrAt(i), originalValues.valueAt(i));
        }
        item.newSequence(org.vesalius.dicom.data.Tags.ModifiedAttributesSequence, 1).add(modified);
        item.setString(org.vesalius.dicom.data.Tags.AttributeModificationDateTime, VR.DT, DT.format(at));
        item.setString(org.vesalius.dicom.data.Tags.ModifyingSystem, VR.LO, modifyingSystem);
        item.setString(org.vesalius.dicom.data.Tags.SourceOfPreviousValues, VR.LO, sourceOfPreviousValues);
        item.setString(org.vesalius.dicom.data.Tags.ReasonForTheAttributeModification, VR.CS, "COERCE");
        return item;
    }

    private static final java.time.format.DateTimeFormatter DT =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss.SSSSSSxx").withZone(java.time.ZoneOffset.UTC);

    /** Sets the new values on {@code header} (mutable); text is encoded in the header's own character set. */
    public void applyTo(Dataset header) {
        for (int i = 0; i < newValues.size(); i++) {
            int tag = newValues.tagAt(i);
            VR vr = newValues.vrAt(i);
            String[] strings = vr.isText() ? newValues.getStrings(tag) : null;
            if (strings != null && strings.length > 0) {
                header.setString(tag, vr, strings);
            } else {
                header.set(tag, vr, newValues.valueAt(i));
            }
        }
    }
}
