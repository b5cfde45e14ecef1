package org.vesalius.vna.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.vesalius.vna.server.security.SmartScope.Interaction;

/** Which SMART resource type and interaction a clinical read is. */
class ClinicalReadTest {

    @ParameterizedTest
    @CsvSource({
        "DICOMWEB, GET, /dicomweb/studies, ImagingStudy, SEARCH",
        "DICOMWEB, GET, /dicomweb/series, ImagingStudy, SEARCH",
        "DICOMWEB, GET, /dicomweb/instances, ImagingStudy, SEARCH",
        "DICOMWEB, GET, /dicomweb/studies/1.2/series, ImagingStudy, SEARCH",
        "DICOMWEB, GET, /dicomweb/studies/1.2/instances, ImagingStudy, SEARCH",
        "DICOMWEB, GET, /dicomweb/studies/1.2/series/1.3/instances, ImagingStudy, SEARCH",
        "DICOMWEB, GET, /dicomweb/studies/1.2, ImagingStudy, READ",
        "DICOMWEB, GET, /dicomweb/studies/1.2/metadata, ImagingStudy, READ",
        "DICOMWEB, GET, /dicomweb/studies/1.2/series/1.3/instances/1.4/frames/1, ImagingStudy, READ",
        "DICOMWEB, GET, /dicomweb/studies/1.2/thumbnail, ImagingStudy, READ",
        "DICOMWEB, GET, /dicomweb/studies/1.2/series/1.3/instances/1.4/bulkdata/7FE00010, ImagingStudy, READ",
        "WADO_URI, GET, /wado, ImagingStudy, READ",
        "FHIR, GET, /fhir/ImagingStudy, ImagingStudy, SEARCH",
        "FHIR, POST, /fhir/ImagingStudy/_search, ImagingStudy, SEARCH",
        "FHIR, GET, /fhir/ImagingStudy/1.2, ImagingStudy, READ",
        "FHIR, GET, /fhir/Patient/abc/_history/1, Patient, READ",
        "FHIR, GET, /fhir/Patient/, Patient, SEARCH",
        "FHIR, POST, /fhir/Patient, Patient, CREATE",
        "FHIR, PUT, /fhir/Patient/abc, Patient, UPDATE",
        "FHIR, DELETE, /fhir/Patient/abc, Patient, DELETE",
        "FHIR, GET, /fhir, *, SEARCH",
        "FHIR, GET, /fhir/_history, *, SEARCH",
        "FHIR, POST, /fhir, *, CREATE",
    })
    void requestsAreTheirResourceAndInteraction(ClinicalRead read, String method, String path, String type, Interaction interaction) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);

        ClinicalRead.Target target = read.target(request);

        assertThat(target.resourceTypes().getFirst()).isEqualTo(type);
        assertThat(target.interaction()).isEqualTo(interaction);
    }

    @ParameterizedTest
    @CsvSource({"/fhir/Endpoint", "/fhir/Endpoint/dicomweb"})
    void anEndpointIsReadWithAnEndpointOrAnImagingStudyScope(String path) {
        assertThat(ClinicalRead.FHIR.target(new MockHttpServletRequest("GET", path)).resourceTypes())
                .isEqualTo(List.of("Endpoint", "ImagingStudy"));
    }
}
