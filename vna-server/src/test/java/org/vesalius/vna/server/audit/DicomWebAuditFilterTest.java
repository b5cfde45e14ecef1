package org.vesalius.vna.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditEvent.Action;

class DicomWebAuditFilterTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "/dicomweb/studies, QUERY, QIDO-RS, -",
            "/dicomweb/series, QUERY, QIDO-RS, -",
            "/dicomweb/instances, QUERY, QIDO-RS, -",
            "/dicomweb/studies/1.2.3/series, QUERY, QIDO-RS, 1.2.3",
            "/dicomweb/studies/1.2.3/instances, QUERY, QIDO-RS, 1.2.3",
            "/dicomweb/studies/1.2.3/series/4.5/instances, QUERY, QIDO-RS, 1.2.3",
            "/dicomweb/studies/1.2.3, EXPORT, WADO-RS, 1.2.3",
            "/dicomweb/studies/1.2.3/metadata, EXPORT, WADO-RS, 1.2.3",
            "/dicomweb/studies/1.2.3/series/4.5/instances/6.7/frames/1, EXPORT, WADO-RS, 1.2.3",
            "/dicomweb/studies/1.2.3/thumbnail, EXPORT, WADO-RS, 1.2.3",
    })
    void pathsAreClassified(String path, Action action, String protocol, String study) {
        AuditEvent event = DicomWebAuditFilter.event(request(path), 200);
        assertThat(event.action()).isEqualTo(action);
        assertThat(event.protocol()).isEqualTo(protocol);
        assertThat(event.studies()).isEqualTo(study == null ? java.util.List.of() : java.util.List.of(study));
        assertThat(event.actor().address()).isEqualTo("192.0.2.9");
        assertThat(event.outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
    }

    @Test
    void aSearchNamesItsPatientAndKeepsItsQuery() {
        MockHttpServletRequest request = request("/dicomweb/studies");
        request.setQueryString("PatientID=P1&00100021=HOSP");
        request.addParameter("PatientID", "P1");
        request.addParameter("00100021", "HOSP");
        AuditEvent event = DicomWebAuditFilter.event(request, 204);
        assertThat(event.patient()).isEqualTo(new PatientId("P1", "HOSP"));
        assertThat(event.query()).isEqualTo("PatientID=P1&00100021=HOSP");
    }

    @Test
    void failuresAreOutcomesAndOtherPathsAreNotAudited() {
        assertThat(DicomWebAuditFilter.event(request("/dicomweb/studies/1.2.3"), 404).outcome())
                .isEqualTo(AuditEvent.Outcome.MINOR_FAILURE);
        assertThat(DicomWebAuditFilter.event(request("/dicomweb/studies/1.2.3"), 503).outcome())
                .isEqualTo(AuditEvent.Outcome.SERIOUS_FAILURE);
        assertThat(DicomWebAuditFilter.event(request("/dicomweb/"), 404)).isNull();
        assertThat(DicomWebAuditFilter.event(request("/dicomweb/bogus"), 404)).isNull();
        assertThat(DicomWebAuditFilter.event(request("/api/status"), 200)).isNull();
        MockHttpServletRequest wado = request("/wado");
        wado.addParameter("studyUID", "1.2.3");
        assertThat(DicomWebAuditFilter.event(wado, 200).protocol()).isEqualTo("WADO-URI");
    }

    private static MockHttpServletRequest request(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRemoteAddr("192.0.2.9");
        return request;
    }
}
