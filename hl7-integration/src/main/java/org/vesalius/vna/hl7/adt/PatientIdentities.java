package org.vesalius.vna.hl7.adt;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.model.v251.datatype.CX;
import ca.uhn.hl7v2.model.v251.datatype.HD;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.hl7.message.Hl7Refusal;

/**
 * Which archive patient an HL7 patient identifier list (PID-3, MRG-1) names: Patient ID = CX-1,
 * Issuer of Patient ID = the assigning authority (CX-4: its namespace ID, else its universal ID).
 *
 * <p>When {@code trustedAuthorities} is not empty, only identifiers of those authorities are used
 * (the first one in the list), and a message naming none of them is refused (204): an ADT feed
 * carries the hospital's MRN beside insurance and national numbers, and only the MRN may move
 * images. Identifiers of {@code localAuthority} map to Patient ID without issuer: the instances
 * of a hospital whose modalities send no Issuer of Patient ID carry them so.
 *
 * @param trustedAuthorities the assigning authorities whose identifiers are used (empty: the first identifier)
 * @param localAuthority     the authority whose identifiers the archive holds without issuer ("" for none)
 */
public record PatientIdentities(Set<String> trustedAuthorities, String localAuthority) {

    public PatientIdentities {
        trustedAuthorities = Set.copyOf(Objects.requireNonNull(trustedAuthorities, "trustedAuthorities"));
        localAuthority = localAuthority == null ? "" : localAuthority.strip();
    }

    /** The first identifier of any authority; no local authority. */
    public static PatientIdentities anyAuthority() {
        return new PatientIdentities(Set.of(), "");
    }

    /**
     * The patient {@code identifiers} name.
     *
     * @param field the field's name for the refusal, e.g. {@code PID-3}
     * @throws Hl7Refusal 101 when no identifier is given, 204 when none is of a trusted authority
     */
    public PatientId identify(List<CX> identifiers, String field) {
        boolean any = false;
        for (CX cx : identifiers) {
            String id = value(cx.getIDNumber().getValue());
            if (id.isEmpty()) {
                continue;
            }
            any = true;
            String authority = authority(cx.getAssigningAuthority());
            if (trustedAuthorities.isEmpty() || trustedAuthorities.contains(authority)) {
                return new PatientId(id, authority.equals(localAuthority) ? "" : authority);
            }
        }
        if (!any) {
            throw new Hl7Refusal(Hl7Refusal.Kind.ERROR, ErrorCode.REQUIRED_FIELD_MISSING, field + " (patient identifier list) is empty");
        }
        throw new Hl7Refusal(Hl7Refusal.Kind.ERROR, ErrorCode.UNKNOWN_KEY_IDENTIFIER,
                field + " names no identifier of a trusted assigning authority " + trustedAuthorities);
    }

    private static String authority(HD hd) {
        String namespace = value(hd.getNamespaceID().getValue());
        return namespace.isEmpty() ? value(hd.getUniversalID().getValue()) : namespace;
    }

    static String value(String s) {
        return s == null ? "" : s.strip();
    }
}
