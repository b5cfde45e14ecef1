package org.vesalius.vna.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

// A whole server, not a web slice: actuator health and /api/status read every backend, and a 404 goes through the container's error dispatch.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthAndStatusTest {

    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        root = ServerTestSupport.tempBlobRoot(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void livenessIsUpWhileTheIndexIsDownAndReadinessSaysWhy() {
        HttpResponse<String> liveness = ServerTestSupport.get(port, "/actuator/health/liveness");
        HttpResponse<String> readiness = ServerTestSupport.get(port, "/actuator/health/readiness");
        HttpResponse<String> health = ServerTestSupport.get(port, "/actuator/health");

        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("\"elasticsearch\":{\"status\":\"DOWN\"", "\"blobStore\":{\"status\":\"UP\"");
        assertThat(health.statusCode()).isEqualTo(503);
        assertThat(health.body()).contains("\"blobStore\":{\"status\":\"UP\"");
    }

    @Test
    void healthNamesNoPathUrlOrErrorText() {
        for (String path : new String[] {"/actuator/health", "/actuator/health/readiness", "/api/status"}) {
            String body = ServerTestSupport.get(port, path).body();
            assertThat(body).as(path).doesNotContain(root.toString(), "http://", "127.0.0.1", "Exception", "Connection refused");
        }
    }

    @Test
    void probesWriteNothing() throws Exception {
        List<String> before = filesUnder(root);
        for (int i = 0; i < 20; i++) {
            ServerTestSupport.get(port, "/actuator/health");
            ServerTestSupport.get(port, "/actuator/health/readiness");
            ServerTestSupport.get(port, "/api/status");
        }
        assertThat(filesUnder(root)).isEqualTo(before).noneMatch(p -> p.startsWith("health"));
    }

    private static List<String> filesUnder(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void statusNamesTheBackendsAndTheQueue() {
        HttpResponse<String> status = ServerTestSupport.get(port, "/api/status");

        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(status.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(status.body()).contains("\"storageBackend\":\"fs\"", "\"aeTitle\":\"VESALIUS\"", "\"duplicatePolicy\":\"REJECT\"",
                "\"adapter\":\"ElasticsearchStudyIndex\"", "\"queuedForIndexing\":");
    }

    @Test
    void containerErrorsAreProblemDetailsToo() {
        HttpResponse<String> missing = ServerTestSupport.get(port, "/no/such/thing");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(missing.body()).contains("\"status\":404", "\"instance\":\"/no/such/thing\"");
    }
}
