package org.vesalius.vna.server.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.server.ServerTestSupport;

/** Without {@code vna.viewer.directory}, {@code /viewer/} is a plain 404 problem. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ViewerNotConfiguredTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void viewerPathsAre404Problems() {
        for (String path : new String[] {"/viewer", "/viewer/", "/viewer/index.html", "/viewer/viewer?StudyInstanceUIDs=1.2.3"}) {
            HttpResponse<String> r = ServerTestSupport.get(port, path);

            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
    }
}
