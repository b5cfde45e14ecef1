package org.vesalius.vna.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.vna.server.security.ServerEndpoints.Endpoint;

/**
 * Every endpoint the server has (read from its own context, the viewer configured) is covered by
 * a line of the {@link AccessTable}: a new controller, servlet, actuator endpoint or resource
 * handler without a rule fails here, before it could ship open or refused by accident.
 */
@SpringBootTest
class EndpointAccessTableTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        ServerTestSupport.tempBlobRoot(registry);
        Path viewer = Files.createTempDirectory("vna-viewer-");
        Files.writeString(viewer.resolve("index.html"), "<html></html>");
        registry.add("vna.viewer.directory", viewer::toString);
        // Spring Boot leaves metrics export, and so /actuator/prometheus, out of tests unless asked.
        registry.add("management.prometheus.metrics.export.enabled", () -> "true");
    }

    @Autowired
    ApplicationContext context;

    @Test
    void everyEndpointHasAnAccessRule() {
        List<Endpoint> endpoints = ServerEndpoints.of(context);

        assertThat(endpoints).extracting(Endpoint::pattern)
                .as("the enumeration sees controllers, actuator, the FHIR servlet and the viewer's resources")
                .contains("/dicomweb/studies", "/wado", "/api/status", "/actuator/prometheus", "/fhir/*", "/viewer/**");
        assertThat(endpoints.stream().filter(e -> AccessTable.ruleFor(e.request()).isEmpty()).toList())
                .as("endpoints without a line in AccessTable").isEmpty();
    }

    @Test
    void anEndpointNoLineCoversIsFoundAndHeadFollowsGet() {
        Endpoint unknown = new Endpoint(HttpMethod.GET, "/export/{study}", ServerEndpoints.sample("/export/{study}"), "made up");
        Endpoint deleteStudy = new Endpoint(HttpMethod.DELETE, "/dicomweb/studies/{study}", ServerEndpoints.sample("/dicomweb/studies/{study}"), "made up");

        Endpoint headOfStudies = new Endpoint(HttpMethod.HEAD, "/dicomweb/studies", "/dicomweb/studies", "made up");

        assertThat(AccessTable.ruleFor(headOfStudies.request())).as("HEAD has GET's rule")
                .hasValueSatisfying(rule -> assertThat(rule.endpoint()).isEqualTo("QIDO-RS, WADO-RS"));
        assertThat(AccessTable.ruleFor(unknown.request())).isEmpty();
        assertThat(AccessTable.ruleFor(deleteStudy.request())).isEmpty();
    }
}
