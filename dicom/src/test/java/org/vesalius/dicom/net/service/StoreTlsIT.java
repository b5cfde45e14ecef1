package org.vesalius.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.net.service.SendableSamples.Sendable;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.dicom.net.ul.DicomServer;
import org.vesalius.dicom.net.ul.TlsOptions;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.peers.DcmtkProcess;
import org.vesalius.dicom.testdata.TestCertificates;
import org.vesalius.dicom.testdata.TestCertificates.Identity;

/** C-STORE over DICOM TLS with certificates made at test time: storescu to our SCP, our SCU to storescp. */
class StoreTlsIT {

    @TempDir
    static Path certs;
    static Identity server;
    static Identity client;

    @TempDir
    Path dir;
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        server = TestCertificates.generate(certs, "server", "localhost", "dns:localhost,ip:127.0.0.1");
        client = TestCertificates.generate(certs, "client", "STORESCU", null);
    }

    @BeforeEach
    void requireDcmtk() {
        Dcmtk.require("storescu");
        Dcmtk.require("storescp");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private static SSLContext context(Identity own, Identity trusted) throws Exception {
        return TlsOptions.sslContext(own.load(), TestCertificates.PASSWORD, TestCertificates.trustStore(trusted));
    }

    private DicomServer tlsScp(Path into) throws Exception {
        DicomServer s = DicomServer.builder(Scp.storageAe(Scp.options()).build(),
                DimseServiceRegistry.builder().store(CStoreHandler.toDirectory(into)).build())
                .port(0).tls(TlsOptions.of(context(server, client))).start();
        cleanup.add(s);
        return s;
    }

    private static Sendable ctSmall() {
        List<Sendable> sendable = SendableSamples.require();
        return sendable.stream().filter(s -> s.sample().name().equals("pydicom/test_files/CT_small.dcm")).findFirst()
                .orElseThrow();
    }

    /** storescu with +tls (client certificate, our certificate trusted) stores; the data set is the one sent in the clear. */
    @Test
    void storescuOverTls() throws Exception {
        Sendable ct = ctSmall();
        Path into = Files.createDirectories(dir.resolve("in"));
        DicomServer s = tlsScp(into);
        Dcmtk.Result r = SendableSamples.storescu(s.port(), Scp.AET, ct.proposal(), ct.sample().path(), "+tls",
                client.privateKeyPem().toString(), client.certificatePem().toString(), "-pw", "+cf",
                server.certificatePem().toString());
        assertThat(SendableSamples.delivered(r)).as(r.stderr()).isTrue();
        List<Path> files = SendableSamples.list(into);
        assertThat(files).hasSize(1);
        assertThat(DataSetBytes.of(files.get(0))).isEqualTo(Files.readAllBytes(ct.wire()));
    }

    /** Plain DICOM on the TLS port: storescu fails at once with an association error, nothing is stored, TLS still works. */
    @Test
    void plainStorescuToTheTlsPortFailsCleanly() throws Exception {
        Sendable ct = ctSmall();
        Path into = Files.createDirectories(dir.resolve("in"));
        DicomServer s = tlsScp(into);
        Dcmtk.Result plain = SendableSamples.storescu(s.port(), Scp.AET, ct.proposal(), ct.sample().path());
        assertThat(plain.exitCode()).isNotZero();
        assertThat(plain.stderr()).contains("Association Request Failed");
        assertThat(SendableSamples.list(into)).isEmpty();
        Dcmtk.Result tls = SendableSamples.storescu(s.port(), Scp.AET, ct.proposal(), ct.sample().path(), "+tls",
                client.privateKeyPem().toString(), client.certificatePem().toString(), "-pw", "+cf",
                server.certificatePem().toString());
        assertThat(SendableSamples.delivered(tls)).as(tls.stderr()).isTrue();
    }

    /** A storescu without a client certificate is refused by the handshake (mutual authentication is the default). */
    @Test
    void storescuWithoutClientCertificateIsRefused() throws Exception {
        Sendable ct = ctSmall();
        Path into = Files.createDirectories(dir.resolve("in"));
        DicomServer s = tlsScp(into);
        Dcmtk.Result r = SendableSamples.storescu(s.port(), Scp.AET, ct.proposal(), ct.sample().path(), "+tls",
                server.privateKeyPem().toString(), server.certificatePem().toString(), "-pw", "+cf",
                server.certificatePem().toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(SendableSamples.list(into)).isEmpty();
    }

    /** Our SCU over TLS to storescp +tls: stored bit for bit. */
    @Test
    void ourScuToStorescpOverTls() throws Exception {
        Sendable ct = ctSmall();
        Path into = Files.createDirectories(dir.resolve("storescp"));
        DcmtkProcess scp = DcmtkProcess.start(port -> DcmtkProcess.args("storescp", "-aet", "STORESCP", "-od",
                into.toString(), "+B", "-F", "+xa", "+tls", server.privateKeyPem().toString(),
                server.certificatePem().toString(), "-pw", "+cf", client.certificatePem().toString(), String.valueOf(port)));
        cleanup.add(scp);
        DimseClient scu = DimseClient.of(DicomClient.builder().options(Scp.options())
                .tls(TlsOptions.of(context(client, server))).build());
        Part10Head head = Part10Head.read(ct.sample().path());
        AssociationRequest rq = AssociationRequest.builder("VESALIUS", "STORESCP")
                .propose(head.sopClassUid(), head.transferSyntaxUid()).build();
        try (Association as = scu.connect("localhost", scp.port(), rq)) {
            assertThat(scu.store(as, ct.sample().path()).status().isSuccess()).isTrue();
        }
        List<Path> files = SendableSamples.list(into);
        assertThat(files).hasSize(1);
        assertThat(Files.readAllBytes(files.get(0))).isEqualTo(DataSetBytes.of(ct.sample().path()));
    }
}
