package org.vesalius.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.peers.DcmtkProcess;
import org.vesalius.dicom.testdata.TestCertificates;
import org.vesalius.dicom.testdata.TestCertificates.Identity;

/** DICOM TLS with certificates made at test time: ours against ours, and against dcmtk. */
class TlsIT {

    @TempDir
    static Path dir;
    static Identity server;
    static Identity client;
    static Identity stranger;

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        server = TestCertificates.generate(dir, "server", "localhost", "dns:localhost,ip:127.0.0.1");
        client = TestCertificates.generate(dir, "client", "ECHOSCU", null);
        stranger = TestCertificates.generate(dir, "stranger", "elsewhere", "dns:elsewhere.example");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private static SSLContext context(Identity own, Identity... trusted) throws Exception {
        return TlsOptions.sslContext(own != null ? own.load() : null, TestCertificates.PASSWORD,
                TestCertificates.trustStore(trusted));
    }

    private DicomServer tlsServer(Identity own, Identity... trusted) throws Exception {
        DicomServer s = DicomServer.builder(Peers.ae().build(), Peers.verificationScp()).port(0)
                .tls(TlsOptions.of(context(own, trusted))).start();
        cleanup.add(s);
        return s;
    }

    private static DicomClient tlsClient(Identity own, Identity... trusted) throws Exception {
        return DicomClient.builder().options(Peers.quick()).tls(TlsOptions.of(context(own, trusted))).build();
    }

    private static int echo(DicomClient c, String host, int port, String called) throws IOException {
        try (Association as = Peers.dimse(c).connect(host, port, Peers.request("ECHOSCU", called))) {
            return Peers.echo(as);
        }
    }

    @Test
    void mutualTlsWithHostNameVerification() throws Exception {
        DicomServer s = tlsServer(server, client);
        assertThat(echo(tlsClient(client, server), "localhost", s.port(), "VESALIUS")).isZero();
        assertThat(echo(tlsClient(client, server), "127.0.0.1", s.port(), "VESALIUS")).isZero();
    }

    @Test
    void hostNameMismatchIsRefusedByTheRequestor() throws Exception {
        DicomServer s = tlsServer(stranger, client);
        assertThatThrownBy(() -> echo(tlsClient(client, stranger), "localhost", s.port(), "VESALIUS"))
                .isInstanceOf(SSLHandshakeException.class);
        DicomClient lenient = DicomClient.builder().options(Peers.quick())
                .tls(TlsOptions.of(context(client, stranger)).withVerifyHostname(false)).build();
        assertThat(echo(lenient, "localhost", s.port(), "VESALIUS")).isZero();
    }

    @Test
    void clientWithoutCertificateIsRefusedWhenRequired() throws Exception {
        DicomServer s = tlsServer(server, client);
        assertThatThrownBy(() -> echo(tlsClient(null, server), "localhost", s.port(), "VESALIUS"))
                .isInstanceOf(IOException.class);
        DicomServer optional = DicomServer.builder(Peers.ae().build(), Peers.verificationScp()).port(0)
                .tls(TlsOptions.of(context(server, client)).withClientAuth(TlsOptions.ClientAuth.WANT)).start();
        cleanup.add(optional);
        assertThat(echo(tlsClient(null, server), "localhost", optional.port(), "VESALIUS")).isZero();
    }

    @Test
    void plainConnectionToTheTlsPortIsRefusedCleanly() throws Exception {
        DicomServer s = tlsServer(server, client);
        assertThatThrownBy(() -> echo(Peers.client(), "localhost", s.port(), "VESALIUS")).isInstanceOf(IOException.class);
        assertThat(echo(tlsClient(client, server), "localhost", s.port(), "VESALIUS")).isZero();
    }

    @Test
    void echoscuOverTlsToOurAcceptor() throws Exception {
        Dcmtk.require("echoscu");
        DicomServer s = tlsServer(server, client);
        Dcmtk.Result r = Dcmtk.run(List.of("echoscu", "-aet", "ECHOSCU", "-aec", "VESALIUS", "+tls",
                client.privateKeyPem().toString(), client.certificatePem().toString(), "-pw", "+cf",
                server.certificatePem().toString(), "127.0.0.1", String.valueOf(s.port())));
        assertThat(r.ok()).as(r.stdout() + r.stderr()).isTrue();
        Dcmtk.Result plain = Dcmtk.run(List.of("echoscu", "-aet", "ECHOSCU", "-aec", "VESALIUS", "127.0.0.1",
                String.valueOf(s.port())));
        assertThat(plain.exitCode()).isNotZero();
    }

    @Test
    void ourRequestorOverTlsToStorescp() throws Exception {
        Dcmtk.require("storescp");
        Path out = Files.createTempDirectory(dir, "storescp");
        DcmtkProcess scp = DcmtkProcess.start(port -> DcmtkProcess.args("storescp", "-aet", "STORESCP", "-od",
                out.toString(), "+tls", server.privateKeyPem().toString(), server.certificatePem().toString(), "-pw",
                "+cf", client.certificatePem().toString(), String.valueOf(port)));
        cleanup.add(scp);
        assertThat(echo(tlsClient(client, server), "localhost", scp.port(), "STORESCP")).isZero();
    }
}
