package org.vesalius.vna.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.server.ServerTestSupport;

/** The facade mounted at /fhir with vna.fhir.* bound; the index is down here (a closed port). */
// A whole server, not a web slice: the facade is HAPI's own servlet at /fhir, which MockMvc does not dispatch to.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FhirServletTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
        registry.add("vna.fhir.viewer-url", () -> "https://viewer.example.org/iid");
        registry.add("vna.fhir.issuer-systems.HOSP_A", () -> "urn:oid:1.2.3.4");
    }

    @LocalServerPort
    int port;

    @Test
    void the_capability_statement_and_the_endpoints_answer_without_the_index() {
        HttpResponse<String> metadata = ServerTestSupport.get(port, "/fhir/metadata");
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("\"resourceType\":\"CapabilityStatement\"", "\"ImagingStudy\"", "\"Patient\"", "\"Endpoint\"");

        HttpResponse<String> wado = ServerTestSupport.get(port, "/fhir/Endpoint/dicom-wado-rs");
        assertThat(wado.statusCode()).isEqualTo(200);
        assertThat(wado.body()).contains("\"address\":\"http://127.0.0.1:" + port + "/dicomweb\"");
        assertThat(ServerTestSupport.get(port, "/fhir/Endpoint/ihe-iid").body()).contains("https://viewer.example.org/iid");
    }

    @Test
    void searches_answer_503_with_an_operation_outcome_while_the_index_is_down() {
        HttpResponse<String> search = ServerTestSupport.get(port, "/fhir/ImagingStudy?modality=CT");
        assertThat(search.statusCode()).isEqualTo(503);
        assertThat(search.body()).contains("\"resourceType\":\"OperationOutcome\"", "index");
    }
}
