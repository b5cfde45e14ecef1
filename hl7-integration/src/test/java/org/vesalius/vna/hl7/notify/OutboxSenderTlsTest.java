package org.vesalius.vna.hl7.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.vna.archive.api.update.UpdateResult;
import org.vesalius.vna.hl7.adt.AdtFeed;
import org.vesalius.vna.hl7.adt.PatientIdentities;
import org.vesalius.vna.hl7.log.FileMessageLog;
import org.vesalius.vna.hl7.message.Hl7Reader;
import org.vesalius.vna.hl7.notify.OutboxEntry.Status;
import org.vesalius.vna.hl7.receive.MessageIntake;
import org.vesalius.vna.hl7.receive.MllpListener;
import org.vesalius.vna.hl7.receive.MllpSettings;

/**
 * Notifications over MLLP with TLS, to a real TLS receiver (the archive's own listener, camel-mllp):
 * delivered with a context that trusts the receiver's certificate; a receiver whose certificate
 * names another host is not sent to; plain TCP to it is not delivered.
 */
class OutboxSenderTlsTest {

    private static final String PASSWORD = "changeit";
    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void deliveredOverTlsToATrustedReceiverOnly() throws Exception {
        Path keystore = keyPair("CN=127.0.0.1", "SAN=ip:127.0.0.1", "receiver.p12");
        Path other = keyPair("CN=elsewhere", "SAN=dns:elsewhere.example.org", "other.p12");
        int tlsPort = freePort();
        int otherPort = freePort();
        try (FileMessageLog log = FileMessageLog.open(dir.resolve("log"));
                FileMessageLog otherLog = FileMessageLog.open(dir.resolve("other-log"));
                FileOutbox outbox = FileOutbox.open(dir.resolve("outbox"))) {
            MessageIntake intake = new MessageIntake(new Hl7Reader(), log, new AdtFeed(u -> new UpdateResult("1", T),
                    PatientIdentities.anyAuthority()), Clock.systemUTC());
            MessageIntake otherIntake = new MessageIntake(new Hl7Reader(), otherLog, new AdtFeed(u -> new UpdateResult("1", T),
                    PatientIdentities.anyAuthority()), Clock.systemUTC());
            MllpListener receiver = MllpListener.start(new MllpSettings("127.0.0.1", tlsPort, 1 << 20, Duration.ofSeconds(30),
                    Duration.ofSeconds(5), 4, serverTls(keystore)), intake, peer -> true, peer -> { });
            MllpListener wrongName = MllpListener.start(new MllpSettings("127.0.0.1", otherPort, 1 << 20, Duration.ofSeconds(30),
                    Duration.ofSeconds(5), 4, serverTls(other)), otherIntake, peer -> true, peer -> { });
            try {
                List<Destination> destinations = List.of(new Destination("EHR", "127.0.0.1", tlsPort),
                        new Destination("WRONG", "127.0.0.1", otherPort));
                byte[] a08 = ("MSH|^~\\&|VESALIUS|HOSP|EHR|HOSP|20261207100000||ADT^A08^ADT_A01|N1|P|2.5.1\rEVN|A08\r"
                        + "PID|1||P1^^^HOSP||Doe^Jane\r").getBytes(StandardCharsets.UTF_8);
                outbox.put("EHR|1", "EHR", "P1\\", "1.2.3", "available", T, a08);
                outbox.put("WRONG|1", "WRONG", "P1\\", "1.2.3", "available", T, a08);

                OutboxSender plain = new OutboxSender(outbox, settings(destinations, null), Clock.systemUTC());
                OutboxEntry refused = plain.deliverNext().orElseThrow();
                assertThat(refused.status()).as("plain TCP to a TLS receiver").isEqualTo(Status.PENDING);
                plain.close();

                Clock later = Clock.fixed(T.plus(Duration.ofDays(1)), java.time.ZoneOffset.UTC);
                OutboxSender tls = new OutboxSender(outbox, settings(destinations, trusting(keystore, other)), later);
                List<OutboxEntry> attempts = List.of(tls.deliverNext().orElseThrow(), tls.deliverNext().orElseThrow());
                tls.close();
                assertThat(attempts).filteredOn(e -> e.destination().equals("EHR")).singleElement().satisfies(e -> {
                    assertThat(e.status()).isEqualTo(Status.DELIVERED);
                    assertThat(e.lastOutcome()).isEqualTo("AA");
                });
                assertThat(attempts).filteredOn(e -> e.destination().equals("WRONG")).singleElement().satisfies(e ->
                        assertThat(e.status()).as("a certificate for another host: not sent").isEqualTo(Status.PENDING));
                assertThat(otherLog.recent(10)).as("nothing reached the wrongly named receiver").isEmpty();
            } finally {
                receiver.close();
                wrongName.close();
            }
        }
    }

    private static NotifySettings settings(List<Destination> destinations, SSLContext tls) {
        return new NotifySettings(destinations, Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(3), new StudyLinks("http://vna", ""), tls);
    }

    private Path keyPair(String dname, String san, String name) throws Exception {
        Path keystore = dir.resolve(name);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "hl7", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", dname, "-ext", san, "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).isTrue();
        return keystore;
    }

    private static SSLContextParameters serverTls(Path keystore) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + keystore);
        store.setPassword(PASSWORD);
        store.setType("PKCS12");
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(store);
        keys.setKeyPassword(PASSWORD);
        SSLContextParameters tls = new SSLContextParameters();
        tls.setKeyManagers(keys);
        return tls;
    }

    /** A context trusting the certificates of these key stores. */
    private static SSLContext trusting(Path... keystores) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        int n = 0;
        for (Path p : keystores) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p)) {
                ks.load(in, PASSWORD.toCharArray());
            }
            trusted.setCertificateEntry("c" + (n++), ks.getCertificate("hl7"));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}
