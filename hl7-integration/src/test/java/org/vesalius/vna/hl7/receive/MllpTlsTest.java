package org.vesalius.vna.hl7.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.vna.archive.api.update.PatientUpdate;
import org.vesalius.vna.archive.api.update.UpdatePort;
import org.vesalius.vna.archive.api.update.UpdateResult;
import org.vesalius.vna.hl7.adt.AdtFeed;
import org.vesalius.vna.hl7.adt.PatientIdentities;
import org.vesalius.vna.hl7.log.FileMessageLog;
import org.vesalius.vna.hl7.message.Hl7Reader;

/**
 * MLLP over TLS on a real socket: a client that trusts the listener's certificate gets its
 * acknowledgement; a plain-TCP sender gets none and nothing of what it sent is applied. The key
 * pair is made at test time with the JDK's keytool.
 */
class MllpTlsTest {

    private static final String A08 = "MSH|^~\\&|RIS|HOSP|VNA|HOSP|20261207100000||ADT^A08^ADT_A01|%s|P|2.5.1\rEVN|A08\r"
            + "PID|1||P1^^^HOSP||Doe^Jane||19800101|F\r";
    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    private final List<PatientUpdate> updates = Collections.synchronizedList(new ArrayList<>());
    private FileMessageLog log;
    private MllpListener listener;
    private int port;
    private Path keystore;

    @BeforeEach
    void start() throws Exception {
        keystore = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "hl7", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).as("keytool").isTrue();

        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + keystore);
        store.setPassword(PASSWORD);
        store.setType("PKCS12");
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(store);
        keys.setKeyPassword(PASSWORD);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setKeyManagers(keys);

        UpdatePort recording = update -> {
            updates.add(update);
            return new UpdateResult("1", Instant.now());
        };
        log = FileMessageLog.open(dir.resolve("log"));
        MessageIntake intake = new MessageIntake(new Hl7Reader(), log, new AdtFeed(recording, PatientIdentities.anyAuthority()),
                Clock.systemUTC());
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        listener = MllpListener.start(new MllpSettings("127.0.0.1", port, 1024 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(2), 4,
                tls), intake, peer -> true, peer -> { });
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        if (log != null) {
            log.close();
        }
    }

    @Test
    void aClientTrustingTheCertificateIsAnsweredAPlainOneIsNot() throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keystore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            socket.startHandshake();
            socket.getOutputStream().write(framed(String.format(A08, "TLS1")));
            socket.getOutputStream().flush();
            assertThat(answer(socket)).contains("MSA|AA|TLS1");
        }
        assertThat(updates).hasSize(1);

        try (Socket plain = new Socket("127.0.0.1", port)) {
            plain.setSoTimeout(15_000);
            plain.getOutputStream().write(framed(String.format(A08, "PLAIN1")));
            plain.getOutputStream().flush();
            String answer = answer(plain);
            assertThat(answer == null || !answer.contains("MSA|")).as("no acknowledgement over plain TCP: " + answer).isTrue();
        }
        assertThat(updates).as("nothing applied from the plain sender").hasSize(1);
    }

    private static byte[] framed(String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x0B);
        out.writeBytes(message.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {0x1C, 0x0D});
        return out.toByteArray();
    }

    /** The next framed answer, or null when the connection closed or was reset first. */
    private static String answer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == 0x1C) {
                    return out.toString(StandardCharsets.ISO_8859_1).replace("\u000b", "");
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
