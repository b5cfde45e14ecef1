package org.vesalius.vna.server.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * The DICOM TLS listener ({@code vna.dicom.tls.*}, a Spring SSL bundle of PEM files) against dcmtk
 * with {@code +tls}: a client with a trusted certificate echoes and stores; one without TLS, or
 * with a certificate the bundle does not trust, is refused; the plain listener keeps working.
 * Certificates are made at test time with the JDK's keytool. Skipped without dcmtk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DicomTlsIT {

    private static final String PASSWORD = "changeit";
    static Path certs;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ServerTestSupport.tempBlobRoot(registry);
        certs = Files.createTempDirectory("vna-dicom-tls-it");
        generate("server", "localhost", "dns:localhost,ip:127.0.0.1");
        generate("client", "STORESCU", null);
        generate("stranger", "STRANGER", null);
        registry.add("spring.ssl.bundle.pem.dicom.keystore.certificate", () -> "file:" + certs.resolve("server.pem"));
        registry.add("spring.ssl.bundle.pem.dicom.keystore.private-key", () -> "file:" + certs.resolve("server.key"));
        registry.add("spring.ssl.bundle.pem.dicom.truststore.certificate", () -> "file:" + certs.resolve("client.pem"));
        registry.add("vna.dicom.tls.port", () -> "0");
        registry.add("vna.dicom.tls.bundle", () -> "dicom");
    }

    @Autowired
    DicomListener listener;

    private Path instance;

    @BeforeAll
    void instance() throws Exception {
        org.vesalius.testsupport.peers.Dcmtk.require("echoscu", "storescu");
        instance = certs.resolve("ct.dcm");
        Files.write(instance, TestObjects.part10(TestObjects.ct("1.2.826.0.1.3680043.2.1125.1.1.88", "TLS-1", null, 64, 3)));
    }

    @Test
    void aTrustedClientCertificateEchoesAndStores() throws Exception {
        Dcmtk.Result echo = tls("echoscu", "client");
        assertThat(echo.exitCode()).as(echo.output()).isZero();
        List<String> store = new ArrayList<>(tlsCommand("storescu", "client"));
        store.add(instance.toString());
        Dcmtk.Result stored = Dcmtk.run(store);
        assertThat(stored.exitCode()).as(stored.output()).isZero();
        assertThat(stored.output()).doesNotContain("Association Rejected");
    }

    @Test
    void plainOrUntrustedClientsAreRefusedAndThePlainListenerStillServes() throws Exception {
        Dcmtk.Result plain = Dcmtk.run(List.of("echoscu", "-aec", "VESALIUS", "127.0.0.1", Integer.toString(listener.tlsPort())));
        assertThat(plain.exitCode()).as(plain.output()).isNotZero();
        Dcmtk.Result stranger = tls("echoscu", "stranger");
        assertThat(stranger.exitCode()).as(stranger.output()).isNotZero();
        Dcmtk.Result onPlainPort = Dcmtk.run(List.of("echoscu", "-aec", "VESALIUS", "127.0.0.1", Integer.toString(listener.port())));
        assertThat(onPlainPort.exitCode()).as(onPlainPort.output()).isZero();
    }

    private Dcmtk.Result tls(String tool, String identity) throws Exception {
        return Dcmtk.run(tlsCommand(tool, identity));
    }

    /** {@code tool +tls key cert -pw +cf server.pem -aec VESALIUS 127.0.0.1 <tls port>}. */
    private List<String> tlsCommand(String tool, String identity) {
        return List.of(tool, "+tls", certs.resolve(identity + ".key").toString(), certs.resolve(identity + ".pem").toString(),
                "-pw", "+cf", certs.resolve("server.pem").toString(), "-aec", "VESALIUS", "127.0.0.1",
                Integer.toString(listener.tlsPort()));
    }

    /** A self-signed EC key pair: {@code alias.pem} (certificate) and {@code alias.key} (unencrypted PKCS#8). */
    private static void generate(String alias, String commonName, String subjectAltNames) throws Exception {
        Path store = certs.resolve(alias + ".p12");
        List<String> cmd = new ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=" + commonName, "-validity", "2", "-keystore", store.toString(), "-storetype",
                "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (subjectAltNames != null) {
            cmd.addAll(List.of("-ext", "san=" + subjectAltNames));
        }
        run(cmd);
        run(List.of(keytool(), "-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", certs.resolve(alias + ".pem").toString()));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        Key key = ks.getKey(alias, PASSWORD.toCharArray());
        Files.writeString(certs.resolve(alias + ".key"), "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(cmd.get(1) + " failed: " + out);
        }
    }
}
