package org.vesalius.vna.fhir;

import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.worklist.WorklistItem;

/**
 * A worklist item as a FHIR R4 ServiceRequest: its id, status (from the order's), intent
 * {@code order}, identifiers (placer PLAC, filler FILL, accession ACSN), the requested procedure as
 * {@code code}, the patient as {@code subject}, the scheduled start as {@code occurrenceDateTime},
 * the requesting physician as {@code requester} (display) and the Study Instance UID it will have
 * as a DICOM UID identifier too.
 */
final class ServiceRequestMapper {

    private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";

    private final FhirSettings settings;

    ServiceRequestMapper(FhirSettings settings) {
        this.settings = settings;
    }

    ServiceRequest map(WorklistItem item) {
        Dataset d = item.attributes();
        ServiceRequest r = new ServiceRequest();
        r.setId(item.id());
        r.getMeta().setLastUpdated(Date.from(item.updatedAt()));
        r.setStatus(ServiceRequest.ServiceRequestStatus.fromCode(item.status().fhir()));
        r.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
        identifier(r, d.getString(Tags.PlacerOrderNumberImagingServiceRequest), "PLAC", "Placer Identifier");
        identifier(r, d.getString(Tags.FillerOrderNumberImagingServiceRequest), "FILL", "Filler Identifier");
        identifier(r, item.accessionNumber(), "ACSN", "Accession ID");
        if (!item.studyInstanceUid().isEmpty()) {
            r.addIdentifier(new Identifier().setSystem("urn:dicom:uid").setValue("urn:oid:" + item.studyInstanceUid()));
        }
        CodeableConcept code = null;
        Sequence codes = d.getSequence(Tags.RequestedProcedureCodeSequence);
        if (codes != null && !codes.isEmpty()) {
            code = DicomCodes.concept(codes.get(0)).orElse(null);
        }
        String description = d.getString(Tags.RequestedProcedureDescription);
        if (description != null && !description.isBlank()) {
            code = code == null ? new CodeableConcept() : code;
            code.setText(description.strip());
        }
        if (code != null) {
            r.setCode(code);
        }
        r.setSubject(new Reference("Patient/" + PatientIds.of(item.patient())));
        Dataset step = item.step();
        DicomTimes.dateTime(step, Tags.ScheduledProcedureStepStartDate, Tags.ScheduledProcedureStepStartTime, d, settings.zone())
                .ifPresent(r::setOccurrence);
        String requester = d.getString(Tags.RequestingPhysician);
        if (requester != null && !requester.isBlank()) {
            r.setRequester(new Reference().setDisplay(requester.strip().replace('^', ' ').strip()));
        }
        String modality = step.getString(Tags.Modality);
        if (modality != null && !modality.isBlank()) {
            r.addCategory(new CodeableConcept(DicomCodes.modality(modality.strip())));
        }
        return r;
    }

    private static void identifier(ServiceRequest r, String value, String type, String display) {
        if (value != null && !value.isBlank()) {
            r.addIdentifier(new Identifier().setType(new CodeableConcept(new Coding(V2_0203, type, display))).setValue(value.strip()));
        }
    }
}
