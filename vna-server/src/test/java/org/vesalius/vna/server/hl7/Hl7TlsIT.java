package org.vesalius.vna.server.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.ServerProcess;

/**
 * MLLP over TLS end to end (issue 14): the server's listener with {@code vna.hl7.tls.bundle} (a
 * Spring SSL bundle of a PKCS#12 key store made with keytool) answers a sender that trusts its
 * certificate, and gives a plain-TCP sender no acknowledgement.
 */
class Hl7TlsIT {

    private static final String PASSWORD = "changeit";

    private static Path scratch;
    private static Path keystore;
    private static ServerProcess server;
    private static int hl7Port;

    @BeforeAll
    static void start() throws Exception {
        String es = TestElasticsearch.require();
        Checkout.requireServerJar();
        scratch = Checkout.newScratchDirectory("hl7-tls");
        keystore = scratch.resolve("hl7.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "hl7", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).isTrue();
        try (ServerSocket free = new ServerSocket(0)) {
            hl7Port = free.getLocalPort();
        }
        server = MllpSend.server("hl7-tls", scratch, es, hl7Port)
                .property("spring.ssl.bundle.jks.hl7.keystore.location", "file:" + keystore)
                .property("spring.ssl.bundle.jks.hl7.keystore.password", PASSWORD)
                .property("spring.ssl.bundle.jks.hl7.keystore.type", "PKCS12")
                .property("spring.ssl.bundle.jks.hl7.key.password", PASSWORD)
                .property("vna.hl7.tls.bundle", "hl7").build();
        server.start();
        server.awaitReady();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (scratch != null) {
            FileSystemUtils.deleteRecursively(scratch.toFile());
        }
    }

    @Test
    void aSenderOverTlsIsAnsweredAPlainOneIsNot() throws Exception {
        String a08 = "MSH|^~\\&|RIS|HOSP|VESALIUS|HOSP|20261207100000||ADT^A08^ADT_A01|%s|P|2.5.1\rEVN|A08\r"
                + "PID|1||TLS-1^^^HOSP||Secure^Sam\r";
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", hl7Port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(framed(String.format(a08, "TLS-1")));
            socket.getOutputStream().flush();
            assertThat(answer(socket)).contains("MSA|AA|TLS-1");
        }
        try (Socket plain = new Socket("127.0.0.1", hl7Port)) {
            plain.setSoTimeout(30_000);
            plain.getOutputStream().write(framed(String.format(a08, "PLAIN-1")));
            plain.getOutputStream().flush();
            String answer = answer(plain);
            assertThat(answer == null || !answer.contains("MSA|")).as("plain TCP: " + answer).isTrue();
        }
        String log = server.get("/api/hl7/messages", "application/json").body();
        assertThat(log).contains("TLS-1").doesNotContain("PLAIN-1");
    }

    private static byte[] framed(String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x0B);
        out.writeBytes(message.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {0x1C, 0x0D});
        return out.toByteArray();
    }

    private static String answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == 0x1C) {
                    return out.toString(StandardCharsets.ISO_8859_1);
                }
                out.write(b);
            }
            return null;
        } catch (java.net.SocketTimeoutException e) {
            throw e;
        } catch (IOException reset) {
            return null;
        }
    }
}
