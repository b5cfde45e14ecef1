package org.vesalius.vna.hl7.adt;

import ca.uhn.hl7v2.model.v251.datatype.XPN;
import ca.uhn.hl7v2.model.v251.segment.PID;
import java.util.ArrayList;
import java.util.List;
import org.vesalius.dicom.data.Tags;

/**
 * The patient-level DICOM attributes an ADT message's PID segment sets: Patient's Name (PID-5),
 * Birth Date (PID-7) and Sex (PID-8). A field the message leaves empty is left as the archive has
 * it; HL7's explicit null ({@code ""}) empties it.
 */
public final class Demographics {

    private static final String HL7_NULL = "\"\"";

    private Demographics() {
    }

    /** {@code tag, value, tag, value...} for {@link org.vesalius.vna.archive.api.update.PatientUpdate#of}. */
    public static List<Object> of(PID pid) {
        List<Object> values = new ArrayList<>();
        if (pid.getPatientNameReps() > 0) {
            String name = name(pid.getPatientName(0));
            if (name != null) {
                values.add(Tags.PatientName);
                values.add(name);
            }
        }
        String birth = PatientIdentities.value(pid.getDateTimeOfBirth().getTime().getValue());
        if (birth.equals(HL7_NULL)) {
            values.add(Tags.PatientBirthDate);
            values.add("");
        } else if (birth.length() >= 8 && birth.substring(0, 8).chars().allMatch(Character::isDigit)) {
            values.add(Tags.PatientBirthDate);
            values.add(birth.substring(0, 8));
        }
        String sex = PatientIdentities.value(pid.getAdministrativeSex().getValue());
        if (!sex.isEmpty()) {
            values.add(Tags.PatientSex);
            values.add(switch (sex) {
                case "M", "F", "O" -> sex;
                // Unknown: DICOM's empty value; ambiguous, not applicable and the rest of table 0001: other.
                case "U", HL7_NULL -> "";
                default -> "O";
            });
        }
        return values;
    }

    /**
     * DICOM PN {@code family^given^middle^prefix^suffix} from HL7 XPN
     * {@code family^given^middle^suffix^prefix}; null when the name is empty (left unchanged).
     */
    static String name(XPN xpn) {
        String family = PatientIdentities.value(xpn.getFamilyName().getSurname().getValue());
        if (family.equals(HL7_NULL)) {
            return "";
        }
        String[] parts = {family, PatientIdentities.value(xpn.getGivenName().getValue()),
            PatientIdentities.value(xpn.getSecondAndFurtherGivenNamesOrInitialsThereof().getValue()),
            PatientIdentities.value(xpn.getPrefixEgDR().getValue()), PatientIdentities.value(xpn.getSuffixEgJRorIII().getValue())};
        int last = parts.length - 1;
        while (last >= 0 && parts[last].isEmpty()) {
            last--;
        }
        if (last < 0) {
            return null;
        }
        StringBuilder pn = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            if (i > 0) {
                pn.append('^');
            }
            // A component separator or backslash in a value would make another DICOM value or component.
            pn.append(parts[i].replace('^', ' ').replace('\\', ' ').replace('=', ' '));
        }
        return pn.toString();
    }
}
