package org.vesalius.vna.archive.ingest;

import java.util.Objects;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.VR;

/**
 * A change ingest makes to an instance's header. The stored bytes stay exactly as received: the
 * coercion is recorded beside the blob ({@link CoercionRecords}) and applied wherever the header
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
