package org.vesalius.vna.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.vesalius.vna.server.VnaServerApplication;

/**
 * HTTP on a non-loopback address needs TLS and required tokens (issue 13): the rule, and the
 * real server refusing to start on every interface without them, before it listens.
 */
class HttpExposureTest {

    @Test
    void loopbackAlwaysOtherAddressesOnlyWithTlsAndTokens() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress any = InetAddress.getByName("0.0.0.0");
        InetAddress lan = InetAddress.getByName("10.1.2.3");
        assertThat(HttpExposure.problem(loopback, false, false)).isNull();
        assertThat(HttpExposure.problem(InetAddress.getByName("::1"), false, false)).isNull();
        assertThat(HttpExposure.problem(any, true, true)).isNull();
        assertThat(HttpExposure.problem(lan, true, true)).isNull();
        assertThat(HttpExposure.problem(any, false, false)).contains("every interface").contains("without TLS")
                .contains("without tokens");
        assertThat(HttpExposure.problem(null, true, false)).contains("every interface").contains("vna.security.enabled=true")
                .doesNotContain("server.ssl");
        assertThat(HttpExposure.problem(lan, false, true)).contains("10.1.2.3").contains("server.ssl.bundle")
                .doesNotContain("vna.security.enabled");
    }

    @Test
    void theServerRefusesToListenOnEveryInterfaceWithoutTlsAndTokens() {
        assertThatThrownBy(() -> start("--server.address=0.0.0.0").close()).satisfies(e -> assertThat(rootMessage(e))
                .contains("HTTP listens on every interface").contains("vna.security.insecure=true"));
    }

    @Test
    void insecureServesAnyway() throws Exception {
        try (ConfigurableApplicationContext context = start("--server.address=0.0.0.0", "--vna.security.insecure=true")) {
            assertThat(context.isActive()).isTrue();
        }
    }

    /** The real server (no DIMSE listener, no index), on a free port. */
    private static ConfigurableApplicationContext start(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        // Arguments, not default properties: application.properties would override those.
        all.addAll(List.of("--server.port=0", "--vna.dicom.enabled=false",
                "--vna.storage.fs.root=" + Files.createTempDirectory("vna-exposure-"),
                "--vna.ingest.log.directory=" + Files.createTempDirectory("vna-exposure-log-"),
                "--vna.elasticsearch.url=http://127.0.0.1:9"));
        return new SpringApplicationBuilder(VnaServerApplication.class).registerShutdownHook(false).run(all.toArray(String[]::new));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
