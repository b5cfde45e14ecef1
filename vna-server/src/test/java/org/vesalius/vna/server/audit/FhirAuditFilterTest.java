package org.vesalius.vna.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.fhir.PatientIds;

class FhirAuditFilterTest {

    private static final PatientId PATIENT = new PatientId("P-1", "HOSP");

    @Test
    void anImagingStudySearchByPatientIsAQueryNamingThePatient() {
        MockHttpServletRequest request = request("/fhir/ImagingStudy");
        request.addParameter("patient", "Patient/" + PatientIds.of(PATIENT));
        request.setQueryString("patient=Patient/" + PatientIds.of(PATIENT));
        AuditEvent event = FhirAuditFilter.event(request, 200);
        assertThat(event.action()).isEqualTo(AuditEvent.Action.QUERY);
        assertThat(event.protocol()).isEqualTo("FHIR ImagingStudy search");
        assertThat(event.patient()).isEqualTo(PATIENT);
        assertThat(event.query()).startsWith("patient=");
    }

    @Test
    void serviceRequestSearchesAndReadsAreAuditedToo() {
        MockHttpServletRequest request = request("/fhir/ServiceRequest");
        request.addParameter("patient", "Patient/" + PatientIds.of(PATIENT));
        AuditEvent search = FhirAuditFilter.event(request, 200);
        assertThat(search.protocol()).isEqualTo("FHIR ServiceRequest search");
        assertThat(search.patient()).isEqualTo(PATIENT);
        AuditEvent read = FhirAuditFilter.event(request("/fhir/ServiceRequest/6f1c2a"), 200);
        assertThat(read.action()).isEqualTo(AuditEvent.Action.READ);
        assertThat(read.protocol()).isEqualTo("FHIR ServiceRequest read");
    }

    @Test
    void readsNameTheirStudyOrPatient() {
        AuditEvent study = FhirAuditFilter.event(request("/fhir/ImagingStudy/1.2.3"), 404);
        assertThat(study.action()).isEqualTo(AuditEvent.Action.READ);
        assertThat(study.studies()).containsExactly("1.2.3");
        assertThat(study.outcome()).isEqualTo(AuditEvent.Outcome.MINOR_FAILURE);
        AuditEvent patient = FhirAuditFilter.event(request("/fhir/Patient/" + PatientIds.of(PATIENT)), 200);
        assertThat(patient.patient()).isEqualTo(PATIENT);
        PatientId longId = new PatientId("X".repeat(60), "HOSP");
        assertThat(FhirAuditFilter.patient(PatientIds.of(longId)).id()).startsWith("XXXX").doesNotContain("\\");
    }

    @Test
    void whatCarriesNoPhiOrNamesNoPatientIsLeftAlone() {
        assertThat(FhirAuditFilter.event(request("/fhir/metadata"), 200)).isNull();
        assertThat(FhirAuditFilter.event(request("/fhir/Endpoint/dicom-wado-rs"), 200)).isNull();
        assertThat(FhirAuditFilter.event(request("/fhir/ImagingStudy/_history"), 200)).isNull();
        assertThat(FhirAuditFilter.patient("Patient/not a patient id")).isNull();
        assertThat(FhirAuditFilter.patient("Patient/a,Patient/b")).isNull();
        assertThat(FhirAuditFilter.event(request("/fhir/Patient"), 200).patient()).isNull();
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRemoteAddr("192.0.2.9");
        return request;
    }
}
