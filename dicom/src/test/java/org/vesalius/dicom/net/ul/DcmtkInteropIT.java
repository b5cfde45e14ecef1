package org.vesalius.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.peers.DcmtkProcess;

/** Our acceptor against dcmtk's echoscu/storescu, our requestor against dcmtk's storescp. */
class DcmtkInteropIT {

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @BeforeEach
    void requireDcmtk() {
        Dcmtk.require("echoscu");
        Dcmtk.require("storescp");
        Dcmtk.require("storescu");
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private DicomServer start(ApplicationEntity ae) throws IOException {
        DicomServer server = DicomServer.builder(ae, Peers.verificationScp()).port(0).start();
        cleanup.add(server);
        return server;
    }

    private static Dcmtk.Result echoscu(DicomServer server, String calling, String called, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("echoscu", "-aet", calling, "-aec", called));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("127.0.0.1", String.valueOf(server.port())));
        return Dcmtk.run(cmd);
    }

    @ParameterizedTest(name = "echoscu max PDU {0}")
    @ValueSource(ints = {4096, 16384, 131072})
    void echoscuToOurAcceptor(int maxPdu) throws Exception {
        DicomServer server = start(Peers.ae().build());
        Dcmtk.Result r = echoscu(server, "ECHOSCU", "VESALIUS", "-v", "--max-pdu", String.valueOf(maxPdu), "--repeat", "3");
        assertThat(r.ok()).as(r.stderr() + r.stdout()).isTrue();
        assertThat(r.stdout() + r.stderr()).contains("Association Accepted").contains("Received Echo Response (Success)");
    }

    @Test
    void echoscuToUnknownCalledAeIsRejected() throws Exception {
        DicomServer server = start(Peers.ae().build());
        Dcmtk.Result r = echoscu(server, "ECHOSCU", "NOT_US");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("Rejected Permanent").contains("Called AE Title Not Recognized");
    }

    @Test
    void echoscuFromCallingAeNotAllowedIsRejected() throws Exception {
        DicomServer server = start(Peers.ae().policy(AssociationPolicy.callingAeTitles(Set.of("FRIEND"))).build());
        Dcmtk.Result r = echoscu(server, "STRANGER", "VESALIUS");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("Calling AE Title Not Recognized");
        assertThat(echoscu(server, "FRIEND", "VESALIUS").ok()).isTrue();
    }

    @Test
    void storescuWithNothingAcceptableIsRejected() throws Exception {
        Path file = SharedFiles.ctSmall();
        DicomServer server = start(ApplicationEntity.builder("VESALIUS").acceptScp(Peers.VERIFICATION, Peers.IMPLICIT)
                .options(Peers.quick()).build());
        Dcmtk.Result r = Dcmtk.run(List.of("storescu", "-aet", "STORESCU", "-aec", "VESALIUS", "127.0.0.1",
                String.valueOf(server.port()), file.toString()));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("Association Rejected").contains("Rejected Permanent")
                .contains("Source: Service User").contains("No Reason");
    }

    @Test
    void echoscuBeyondTheAssociationLimitIsRejectedTransiently() throws Exception {
        DicomServer server = start(Peers.ae().maxAssociations(1, 0).build());
        Association holder = Peers.dimse().connect("localhost", server.port(), Peers.request("HOLDER", "VESALIUS"));
        cleanup.add(holder::abort);
        Dcmtk.Result r = echoscu(server, "ECHOSCU", "VESALIUS");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains("Rejected Transient").contains("Local Limit Exceeded");
        holder.release();
    }

    private DcmtkProcess storescp(String... extra) throws Exception {
        Path dir = Files.createTempDirectory("storescp");
        DcmtkProcess scp = DcmtkProcess.start(port -> {
            List<String> cmd = DcmtkProcess.args("storescp", "-aet", "STORESCP", "-od", dir.toString());
            cmd.addAll(List.of(extra));
            cmd.add(String.valueOf(port));
            return cmd;
        });
        cleanup.add(() -> {
            scp.close();
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        });
        return scp;
    }

    @ParameterizedTest(name = "storescp max PDU {0}")
    @ValueSource(ints = {4096, 16384, 131072})
    void ourRequestorToStorescp(int maxPdu) throws Exception {
        DcmtkProcess scp = storescp("--max-pdu", String.valueOf(maxPdu));
        Association as = Peers.dimse().connect("127.0.0.1", scp.port(), Peers.request("VESALIUS", "STORESCP"));
        assertThat(as.peerMaxPduLength()).isEqualTo(maxPdu);
        assertThat(as.peerImplementationVersionName()).hasValueSatisfying(v -> assertThat(v).startsWith("OFFIS_DCMTK"));
        assertThat(Peers.echo(as)).isZero();
        assertThat(Peers.echo(as)).isZero();
        as.release();
        assertThat(as.end()).hasValueSatisfying(e -> assertThat(e.isReleased()).isTrue());
    }

    @Test
    void storescpRefusingGivesTheTriple() throws Exception {
        DcmtkProcess scp = storescp("--refuse");
        assertThatThrownBy(() -> Peers.dimse().connect("127.0.0.1", scp.port(), Peers.request("VESALIUS", "STORESCP"))).isInstanceOfSatisfying(AssociationRejectedException.class,
                        e -> assertThat(e.reject()).isEqualTo(AAssociateRj.NO_REASON_GIVEN));
    }

    /** What dcmtk does when nothing proposed is acceptable; we reject in that case, dcmtk accepts with every context rejected. */
    @Test
    void storescpWithNothingAcceptable() throws Exception {
        DcmtkProcess scp = storescp();
        AssociationRequest rq = AssociationRequest.builder("VESALIUS", "STORESCP").propose("1.2.3.4.5.6", Peers.IMPLICIT).build();
        assertThatThrownBy(() -> Peers.dimse().connect("127.0.0.1", scp.port(), rq))
                .isExactlyInstanceOf(AssociationException.class)
                .hasMessageContaining("no presentation context accepted")
                .hasMessageContaining("abstract-syntax-not-supported");
    }
}
