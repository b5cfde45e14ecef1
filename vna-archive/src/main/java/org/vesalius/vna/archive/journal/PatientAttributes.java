package org.vesalius.vna.archive.journal;

import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tag;

/**
 * Which attributes a patient update may set: the standard attributes of group 0010 (Patient
 * Identification, Demographics and Medical modules: name, ID, issuer, birth date, sex, other IDs,
 * ...). Study, series and instance attributes are corrected by other kinds of entries, which keep
 * this one simple: an entry keyed by patient changes only what belongs to the patient.
 */
final class PatientAttributes {

    private PatientAttributes() {
    }

    /** True when a patient update may set {@code tag}. */
    public static boolean isPatientLevel(int tag) {
        return Tag.group(tag) == 0x0010 && Tag.element(tag) != 0x0000;
    }

    /**
     * Checks that {@code newValues} holds only patient-level attributes and at least one.
     *
     * @throws IllegalArgumentException naming the first attribute that is not
     */
    static void check(Dataset newValues) {
        if (newValues.isEmpty()) {
            throw new IllegalArgumentException("a patient update sets at least one attribute");
        }
        for (int i = 0; i < newValues.size(); i++) {
            int tag = newValues.tagAt(i);
            if (tag != Tag.SPECIFIC_CHARACTER_SET && !isPatientLevel(tag)) {
                throw new IllegalArgumentException("not a patient-level attribute: " + Tag.toString(tag));
            }
        }
    }
}
