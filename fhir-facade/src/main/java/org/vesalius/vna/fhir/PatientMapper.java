package org.vesalius.vna.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.PersonName;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.PatientId;

/** A patient of the index (the patient-level attributes of its instances) as an R4 Patient. */
final class PatientMapper {

    private final IdentifierSystems systems;

    PatientMapper(IdentifierSystems systems) {
        this.systems = systems;
    }

    /** The patient's identity as the archive keys it. */
    static PatientId identity(Dataset d) {
        return new PatientId(d.getString(Tags.PatientID, ""), d.getString(Tags.IssuerOfPatientID, ""));
    }

    Patient map(Dataset d) {
        PatientId identity = identity(d);
        Patient p = new Patient();
        p.setId(PatientIds.of(identity));
        if (!identity.id().isEmpty()) {
            Identifier id = new Identifier().setUse(Identifier.IdentifierUse.USUAL)
                    .setType(new CodeableConcept(new Coding(ImagingStudyMapper.V2_0203, "MR", "Medical record number")))
                    .setValue(identity.id());
            String system = systems.system(identity.issuer(), universalOid(d.getSequence(Tags.IssuerOfPatientIDQualifiersSequence)));
            if (system != null) {
                id.setSystem(system);
            }
            p.addIdentifier(id);
        }
        Sequence others = d.getSequence(Tags.OtherPatientIDsSequence);
        if (others != null) {
            for (Dataset item : others) {
                String value = item.getString(Tags.PatientID);
                if (value != null && !value.isBlank()) {
                    Identifier other = new Identifier().setUse(Identifier.IdentifierUse.SECONDARY).setValue(value.strip());
                    String system = systems.system(item.getString(Tags.IssuerOfPatientID),
                            universalOid(item.getSequence(Tags.IssuerOfPatientIDQualifiersSequence)));
                    if (system != null) {
                        other.setSystem(system);
                    }
                    p.addIdentifier(other);
                }
            }
        }
        PersonName name = d.getPersonName(Tags.PatientName);
        if (name != null) {
            addName(p, name.alphabetic(), HumanName.NameUse.OFFICIAL);
            addName(p, name.ideographic(), null);
            addName(p, name.phonetic(), null);
        }
        p.setGender(gender(d.getString(Tags.PatientSex)));
        d.getDate(Tags.PatientBirthDate).ifPresent(date -> p.setBirthDateElement(new DateType(date.toString())));
        String display = ImagingStudyMapper.display(name);
        StringBuilder text = new StringBuilder(display == null ? "Patient" : display);
        if (!identity.id().isEmpty()) {
            text.append(", ID ").append(identity.id());
            if (identity.hasIssuer()) {
                text.append(" (").append(identity.issuer()).append(')');
            }
        }
        if (p.hasBirthDate()) {
            text.append(", born ").append(p.getBirthDateElement().getValueAsString());
        }
        p.setText(Narratives.of(text.toString()));
        return p;
    }

    private static void addName(Patient p, PersonName.Group g, HumanName.NameUse use) {
        if (g.isEmpty()) {
            return;
        }
        HumanName n = new HumanName();
        if (use != null) {
            n.setUse(use);
        }
        if (!g.familyName().isBlank()) {
            n.setFamily(g.familyName().strip());
        }
        for (String given : List.of(g.givenName(), g.middleName())) {
            if (!given.isBlank()) {
                n.addGiven(given.strip());
            }
        }
        if (!g.namePrefix().isBlank()) {
            n.addPrefix(g.namePrefix().strip());
        }
        if (!g.nameSuffix().isBlank()) {
            n.addSuffix(g.nameSuffix().strip());
        }
        n.setText(g.toDicomString());
        p.addName(n);
    }

    static AdministrativeGender gender(String sex) {
        if (sex == null) {
            return AdministrativeGender.UNKNOWN;
        }
        return switch (sex.strip()) {
            case "M" -> AdministrativeGender.MALE;
            case "F" -> AdministrativeGender.FEMALE;
            case "O" -> AdministrativeGender.OTHER;
            default -> AdministrativeGender.UNKNOWN;
        };
    }

    private static String universalOid(Sequence qualifiers) {
        if (qualifiers == null || qualifiers.isEmpty()) {
            return null;
        }
        Dataset item = qualifiers.get(0);
        return "ISO".equals(item.getString(Tags.UniversalEntityIDType)) ? item.getString(Tags.UniversalEntityID) : null;
    }
}
