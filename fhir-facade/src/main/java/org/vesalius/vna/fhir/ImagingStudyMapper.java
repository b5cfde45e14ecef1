package org.vesalius.vna.fhir;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.ImagingStudy.ImagingStudySeriesComponent;
import org.hl7.fhir.r4.model.ImagingStudy.ImagingStudySeriesInstanceComponent;
import org.hl7.fhir.r4.model.Reference;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.PersonName;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.PatientId;

/**
 * A study of the index as an R4 ImagingStudy. The rules, attribute by attribute, are the table in
 * the module README; every element is filled only from what the archive holds (no defaults that
 * would claim something the data do not say).
 */
final class ImagingStudyMapper {

    /** The Identifier.system of DICOM UIDs (as in the specification's examples). */
    static final String DICOM_UID_SYSTEM = "urn:dicom:uid";
    static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

    private final FhirSettings settings;
    private final IdentifierSystems systems;

    ImagingStudyMapper(FhirSettings settings, IdentifierSystems systems) {
        this.settings = settings;
        this.systems = systems;
    }

    ImagingStudy map(StudyRecord record) {
        Dataset d = record.study();
        String uid = d.getString(Tags.StudyInstanceUID);
        ImagingStudy s = new ImagingStudy();
        s.setId(uid);
        s.addIdentifier(new Identifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(DICOM_UID_SYSTEM)
                .setValue("urn:oid:" + uid));
        accession(d).ifPresent(s::addIdentifier);
        String studyId = d.getString(Tags.StudyID);
        if (studyId != null && !studyId.isEmpty()) {
            s.addIdentifier(new Identifier().setUse(Identifier.IdentifierUse.SECONDARY).setValue(studyId));
        }
        s.setStatus(ImagingStudy.ImagingStudyStatus.AVAILABLE);
        Set<String> modalities = new LinkedHashSet<>();
        String[] inStudy = d.getStrings(Tags.ModalitiesInStudy);
        if (inStudy != null) {
            for (String m : inStudy) {
                if (!m.isBlank()) {
                    modalities.add(m.strip());
                }
            }
        }
        modalities.forEach(m -> s.addModality(DicomCodes.modality(m)));
        PatientId patient = new PatientId(d.getString(Tags.PatientID, ""), d.getString(Tags.IssuerOfPatientID, ""));
        Reference subject = new Reference("Patient/" + PatientIds.of(patient));
        String patientName = display(d.getPersonName(Tags.PatientName));
        if (patientName != null) {
            subject.setDisplay(patientName);
        }
        s.setSubject(subject);
        DicomTimes.dateTime(d, Tags.StudyDate, Tags.StudyTime, null, settings.zone()).ifPresent(s::setStartedElement);
        accessionNumber(d).ifPresent(acc -> s.addBasedOn(new Reference().setType("ServiceRequest")
                .setIdentifier(accession(d).orElseThrow().copy().setUse(null))));
        String referrer = display(d.getPersonName(Tags.ReferringPhysicianName));
        if (referrer != null) {
            s.setReferrer(new Reference().setType("Practitioner").setDisplay(referrer));
        }
        String[] readers = d.getStrings(Tags.NameOfPhysiciansReadingStudy);
        if (readers != null) {
            for (String r : readers) {
                String name = r.isBlank() ? null : display(PersonName.parse(r));
                if (name != null) {
                    s.addInterpreter(new Reference().setType("Practitioner").setDisplay(name));
                }
            }
        }
        s.addEndpoint(new Reference("Endpoint/" + Endpoints.WADO_RS_ID));
        s.setNumberOfSeries(d.getInt(Tags.NumberOfStudyRelatedSeries, record.series().size()));
        s.setNumberOfInstances(d.getInt(Tags.NumberOfStudyRelatedInstances, 0));
        Sequence procedures = d.getSequence(Tags.ProcedureCodeSequence);
        if (procedures != null) {
            procedures.forEach(item -> DicomCodes.concept(item).ifPresent(s::addProcedureCode));
        }
        reasons(record).forEach(s::addReasonCode);
        String description = d.getString(Tags.StudyDescription);
        if (description != null && !description.isBlank()) {
            s.setDescription(description.strip());
        }
        for (Dataset series : record.series()) {
            s.addSeries(series(series, record));
        }
        s.setText(Narratives.of(narrative(s, patientName)));
        return s;
    }

    private ImagingStudySeriesComponent series(Dataset d, StudyRecord record) {
        ImagingStudySeriesComponent c = new ImagingStudySeriesComponent();
        String uid = d.getString(Tags.SeriesInstanceUID);
        c.setUid(uid);
        d.getLong(Tags.SeriesNumber, 0).ifPresent(n -> {
            if (n >= 0 && n <= Integer.MAX_VALUE) {
                c.setNumber((int) n);
            }
        });
        // Modality is type 1; "OT" (other) stands in for the rare object that lacks it.
        c.setModality(DicomCodes.modality(d.getString(Tags.Modality, "OT")));
        String description = d.getString(Tags.SeriesDescription);
        if (description != null && !description.isBlank()) {
            c.setDescription(description.strip());
        }
        c.setNumberOfInstances(d.getInt(Tags.NumberOfSeriesRelatedInstances, 0));
        c.addEndpoint(new Reference("Endpoint/" + Endpoints.WADO_RS_ID));
        DicomCodes.bodySite(d.getString(Tags.BodyPartExamined)).ifPresent(c::setBodySite);
        DicomCodes.laterality(d.getString(Tags.Laterality)).ifPresent(c::setLaterality);
        DicomTimes.dateTime(d, Tags.SeriesDate, Tags.SeriesTime, record.study(), settings.zone())
                .or(() -> DicomTimes.dateTime(d, Tags.PerformedProcedureStepStartDate, Tags.PerformedProcedureStepStartTime,
                        record.study(), settings.zone()))
                .ifPresent(c::setStartedElement);
        String[] performers = d.getStrings(Tags.PerformingPhysicianName);
        if (performers != null) {
            for (String p : performers) {
                String name = p.isBlank() ? null : display(PersonName.parse(p));
                if (name != null) {
                    c.addPerformer().setActor(new Reference().setType("Practitioner").setDisplay(name))
                            .setFunction(new CodeableConcept(new Coding(
                                    "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PRF", "performer")));
                }
            }
        }
        if (record.instances() != null) {
            for (Dataset i : record.instances().getOrDefault(uid, List.of())) {
                c.addInstance(instance(i));
            }
        }
        return c;
    }

    private static ImagingStudySeriesInstanceComponent instance(Dataset d) {
        ImagingStudySeriesInstanceComponent c = new ImagingStudySeriesInstanceComponent();
        c.setUid(d.getString(Tags.SOPInstanceUID));
        c.setSopClass(DicomCodes.sopClass(d.getString(Tags.SOPClassUID)));
        d.getLong(Tags.InstanceNumber, 0).ifPresent(n -> {
            if (n >= 0 && n <= Integer.MAX_VALUE) {
                c.setNumber((int) n);
            }
        });
        String title = title(d);
        if (title != null) {
            c.setTitle(title);
        }
        return c;
    }

    /** Concept name (SR, KOS), document title (encapsulated documents) or content label. */
    private static String title(Dataset d) {
        Sequence concept = d.getSequence(Tags.ConceptNameCodeSequence);
        if (concept != null && !concept.isEmpty()) {
            String meaning = concept.get(0).getString(Tags.CodeMeaning);
            if (meaning != null && !meaning.isBlank()) {
                return meaning.strip();
            }
        }
        for (int tag : new int[] {Tags.DocumentTitle, Tags.ContentLabel}) {
            String v = d.getString(tag);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private java.util.Optional<Identifier> accession(Dataset d) {
        return accessionNumber(d).map(acc -> {
            Identifier id = new Identifier().setUse(Identifier.IdentifierUse.USUAL)
                    .setType(new CodeableConcept(new Coding(V2_0203, "ACSN", "Accession ID")))
                    .setValue(acc);
            Sequence issuer = d.getSequence(Tags.IssuerOfAccessionNumberSequence);
            if (issuer != null && !issuer.isEmpty()) {
                Dataset item = issuer.get(0);
                String universal = "ISO".equals(item.getString(Tags.UniversalEntityIDType)) ? item.getString(Tags.UniversalEntityID) : null;
                String system = systems.system(item.getString(Tags.LocalNamespaceEntityID), universal);
                if (system != null) {
                    id.setSystem(system);
                }
            }
            return id;
        });
    }

    private static java.util.Optional<String> accessionNumber(Dataset d) {
        String acc = d.getString(Tags.AccessionNumber);
        return acc == null || acc.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(acc.strip());
    }

    /** Reasons for the requested procedure, from the Request Attributes of the study's series. */
    private static List<CodeableConcept> reasons(StudyRecord record) {
        List<CodeableConcept> reasons = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Dataset series : record.series()) {
            Sequence requests = series.getSequence(Tags.RequestAttributesSequence);
            if (requests == null) {
                continue;
            }
            for (Dataset request : requests) {
                Sequence codes = request.getSequence(Tags.ReasonForRequestedProcedureCodeSequence);
                if (codes != null) {
                    for (Dataset code : codes) {
                        DicomCodes.concept(code).ifPresent(c -> {
                            if (seen.add(c.getCodingFirstRep().getSystem() + "|" + c.getCodingFirstRep().getCode() + "|" + c.getText())) {
                                reasons.add(c);
                            }
                        });
                    }
                }
                String text = request.getString(Tags.ReasonForTheRequestedProcedure);
                if (text != null && !text.isBlank() && seen.add("text|" + text.strip())) {
                    reasons.add(new CodeableConcept().setText(text.strip()));
                }
            }
        }
        return reasons;
    }

    /** A name for display: the alphabetic group as "Given Family", else the other groups. */
    static String display(PersonName name) {
        if (name == null) {
            return null;
        }
        for (PersonName.Group g : List.of(name.alphabetic(), name.ideographic(), name.phonetic())) {
            if (!g.isEmpty()) {
                String text = String.join(" ", nonEmpty(g.namePrefix(), g.givenName(), g.middleName(), g.familyName(), g.nameSuffix()));
                if (!text.isBlank()) {
                    return text;
                }
            }
        }
        return null;
    }

    private static List<String> nonEmpty(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                out.add(p.strip());
            }
        }
        return out;
    }

    private static String narrative(ImagingStudy s, String patientName) {
        StringBuilder b = new StringBuilder();
        b.append(s.hasDescription() ? s.getDescription() : "Imaging study");
        if (patientName != null) {
            b.append(", ").append(patientName);
        }
        if (s.hasStarted()) {
            b.append(", ").append(s.getStartedElement().getValueAsString());
        }
        if (s.hasModality()) {
            b.append(", ").append(String.join("/", s.getModality().stream().map(Coding::getCode).toList()));
        }
        b.append(": ").append(s.getNumberOfSeries()).append(" series, ").append(s.getNumberOfInstances()).append(" instances");
        return b.toString();
    }
}
