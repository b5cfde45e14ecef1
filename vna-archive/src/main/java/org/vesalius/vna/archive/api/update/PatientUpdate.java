package org.vesalius.vna.archive.api.update;

import java.util.Objects;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.PatientId;

/**
 * A change of a patient's attributes: from now on every instance of {@code patient} carries
 * {@code newValues}.
 *
 * @param patient   Patient ID + Issuer of Patient ID as the instances (after ingest coercion) carry them
 * @param newValues patient-level attributes (group 0010), e.g. PatientName, PatientBirthDate,
 *                  PatientSex; setting PatientID and/or IssuerOfPatientID moves the instances to
 *                  that identity (a merge)
 * @param reason    why (goes to the journal)
 * @param source    who asked, e.g. {@code HL7:ADT^A08 MSH-10 123}
 */
public record PatientUpdate(PatientId patient, Dataset newValues, String reason, String source) {

    public PatientUpdate {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(newValues, "newValues");
        reason = reason == null ? "" : reason;
        source = source == null ? "" : source;
    }

    /** An update built from text values: {@code tag, value, tag, value, ...}, VRs from the dictionary, UTF-8. */
    public static PatientUpdate of(PatientId patient, String reason, String source, Object... tagsAndValues) {
        if (tagsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("tags and values come in pairs");
        }
        Dataset values = new Dataset(tagsAndValues.length / 2 + 1);
        values.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        for (int i = 0; i < tagsAndValues.length; i += 2) {
            int tag = (Integer) tagsAndValues[i];
            VR vr = org.vesalius.dicom.data.ElementDictionary.standard().vrOf(tag);
            values.setString(tag, vr, (String) tagsAndValues[i + 1]);
        }
        return new PatientUpdate(patient, values, reason, source);
    }
}
