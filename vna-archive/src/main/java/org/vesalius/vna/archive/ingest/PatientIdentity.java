package org.vesalius.vna.archive.ingest;

import java.util.Locale;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.PatientId;

/**
 * The attributes that say whose an instance is: Patient ID with its Issuer, Patient's Name,
 * Patient's Birth Date (after coercion; text as decoded with the header's character set).
 *
 * <p><b>When two identities contradict.</b> An attribute contradicts only when both sides have a
 * value and the values differ: an empty value is "unknown", not another patient (a modality that
 * sends no birth date does not split a study). Patient ID and Issuer are compared as one: the IDs
 * differ, or they are equal under two different issuers. Names are compared on their alphabetic
 * group, case-insensitively, with trailing component separators and spaces dropped ({@code
 * DOE^JOHN^^} is {@code Doe^John}): modalities differ in exactly these ways for one patient.
 *
 * @param specificCharacterSet the header's Specific Character Set (the journal may upgrade it)
 */
record PatientIdentity(String id, String issuer, String name, String birthDate, String specificCharacterSet) {

    /** The identity {@code header} names. */
    static PatientIdentity of(Dataset header) {
        return new PatientIdentity(value(header, Tags.PatientID), value(header, Tags.IssuerOfPatientID),
                value(header, Tags.PatientName), value(header, Tags.PatientBirthDate),
                header.contains(Tags.SpecificCharacterSet) ? String.join("\\", header.getStrings(Tags.SpecificCharacterSet)) : "");
    }

    /** The identity the journal knows these instances by. */
    PatientId patientId() {
        return new PatientId(id, issuer);
    }

    /** A small data set with these attributes, for the journal to apply its entries to. */
    Dataset toDataset() {
        Dataset ds = new Dataset();
        if (!specificCharacterSet.isEmpty()) {
            ds.setString(Tags.SpecificCharacterSet, VR.CS, specificCharacterSet.split("\\\\"));
        }
        ds.setString(Tags.PatientID, VR.LO, id);
        ds.setString(Tags.IssuerOfPatientID, VR.LO, issuer);
        ds.setString(Tags.PatientName, VR.PN, name);
        ds.setString(Tags.PatientBirthDate, VR.DA, birthDate);
        return ds;
    }

    /**
     * The first attribute (tag) on which {@code other} contradicts this identity, or -1 when none
     * does. See the class comment.
     */
    int contradiction(PatientIdentity other) {
        if (differ(id, other.id) || id.equals(other.id) && differ(issuer, other.issuer)) {
            return id.equals(other.id) ? Tags.IssuerOfPatientID : Tags.PatientID;
        }
        if (differ(nameKey(name), nameKey(other.name))) {
            return Tags.PatientName;
        }
        if (differ(birthDate, other.birthDate)) {
            return Tags.PatientBirthDate;
        }
        return -1;
    }

    /** The attribute's keyword and tag, for a message. */
    static String describe(int tag) {
        String keyword = switch (tag) {
            case Tags.PatientID -> "PatientID";
            case Tags.IssuerOfPatientID -> "IssuerOfPatientID";
            case Tags.PatientName -> "PatientName";
            case Tags.PatientBirthDate -> "PatientBirthDate";
            default -> "";
        };
        return keyword + " " + Tag.toString(tag);
    }

    private static boolean differ(String a, String b) {
        return !a.isEmpty() && !b.isEmpty() && !a.equals(b);
    }

    private static String nameKey(String name) {
        int ideographic = name.indexOf('=');
        String alphabetic = ideographic < 0 ? name : name.substring(0, ideographic);
        int end = alphabetic.length();
        while (end > 0 && (alphabetic.charAt(end - 1) == '^' || alphabetic.charAt(end - 1) == ' ')) {
            end--;
        }
        return alphabetic.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private static String value(Dataset header, int tag) {
        String v = header.getString(tag, "");
        return v == null ? "" : v.strip();
    }
}
