package org.vesalius.vna.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.vna.server.process.Checkout;

/**
 * HTTPS with a Spring Boot SSL bundle ({@code server.ssl.bundle}) from a certificate made as
 * {@code ./vna start} makes its development one ({@code openssl req -x509}, EC P-256, PEM files):
 * a client trusting that certificate gets its answer over TLS; one trusting only the JDK's CAs
 * fails the handshake; plain HTTP on the port gets no answer from the archive; and
 * {@code ./vna token} with {@code VNA_HTTPS=1} gets its token over HTTPS, trusting the certificate
 * in the data directory as {@code ./vna start} lays it out. Skipped without openssl.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HttpsIT {

    private static Path data;
    private static Path certificate;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ServerTestSupport.tempBlobRoot(registry);
        // Laid out as ./vna start lays out its data directory: data/security/ with the certificate and the issuer's file.
        data = Files.createTempDirectory(Checkout.buildDirectory(), "https-it-");
        Path security = Files.createDirectories(data.resolve("security"));
        certificate = security.resolve("http-tls.crt");
        Path key = security.resolve("http-tls.key");
        boolean made = openssl(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", certificate.toString(), "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"));
        registry.add("server.ssl.bundle", () -> "vna-http");
        registry.add("spring.ssl.bundle.pem.vna-http.keystore.certificate", () -> made ? "file:" + certificate : "");
        registry.add("spring.ssl.bundle.pem.vna-http.keystore.private-key", () -> "file:" + key);
        Path issuerFile = security.resolve("issuer.properties");
        Files.writeString(issuerFile, """
                client.scripts.secret={noop}scripts-secret
                client.scripts.grants=client_credentials
                client.scripts.roles=admin,reader
                """);
        registry.add("vna.security.issuer-uri", () -> "https://issuer.https-it.test");
        registry.add("vna.security.embedded-issuer.enabled", () -> "true");
        registry.add("vna.security.embedded-issuer.file", issuerFile::toString);
    }

    @LocalServerPort
    int port;

    @Test
    void servesHttpsWithTheBundleAndNothingInPlainHttp() throws Exception {
        assumeTrue(Files.isRegularFile(certificate), "openssl is not installed: no certificate to serve");
        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(certificate)).connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> health = trusting.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isIn(200, 503); // 503 while the test's index is down: answered all the same
        assertThat(health.body()).contains("\"status\"");
        assertThat(health.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).startsWith("TLSv1."));

        HttpClient jdkCas = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try {
            jdkCas.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            throw new AssertionError("a certificate no CA signed was trusted");
        } catch (SSLHandshakeException expected) {
            // the development certificate is trusted only where it is handed over
        }

        // Plain HTTP on the TLS port: whatever the container sends back (a 400 "requires TLS", an
        // alert, or nothing before it closes), never the archive's answer.
        try (Socket plain = new Socket("127.0.0.1", port)) {
            plain.setSoTimeout(30_000); // hang guard only
            plain.getOutputStream().write("GET /actuator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(plain.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).doesNotContain("\"status\"").doesNotStartWith("HTTP/1.1 200");
        }
    }

    /** {@code ./vna token} with {@code VNA_HTTPS=1} asks the issuer over HTTPS, trusting the certificate under data/security/. */
    @Test
    void theTokenCommandSpeaksHttpsWithTheDevelopmentCertificate() throws Exception {
        assumeTrue(Files.isRegularFile(certificate), "openssl is not installed: no certificate to serve");
        ProcessBuilder builder = new ProcessBuilder(Checkout.vnaScript().toString(), "token").directory(Checkout.root().toFile())
                .redirectErrorStream(true);
        builder.environment().put("VNA_HTTPS", "1");
        builder.environment().put("VNA_DATA_DIR", data.toString());
        builder.environment().put("VNA_RUN_DIR", data.resolve("run").toString());
        builder.environment().put("VNA_HTTP_PORT", Integer.toString(port));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue(); // hang guard only
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.strip().lines().toList().getLast()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            trust.setCertificateEntry("vna-http", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static boolean openssl(List<String> command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException notInstalled) {
            return false;
        }
    }
}
