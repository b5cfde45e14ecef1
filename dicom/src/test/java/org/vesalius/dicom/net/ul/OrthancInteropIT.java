package org.vesalius.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.vesalius.testsupport.peers.OrthancConfig;
import org.vesalius.testsupport.peers.OrthancExtension;
import org.vesalius.testsupport.peers.OrthancProcess;

/** Orthanc as the peer: our requestor echoes it, and it echoes our acceptor through its REST API. */
class OrthancInteropIT {

    @RegisterExtension
    static final OrthancExtension ORTHANC = new OrthancExtension(OrthancConfig::defaults);

    @Test
    void ourRequestorEchoesOrthanc() throws Exception {
        OrthancProcess orthanc = ORTHANC.get();
        try (Association as = Peers.dimse().connect("127.0.0.1", orthanc.dicomPort(),
                Peers.request("VESALIUS", orthanc.aet()))) {
            assertThat(Peers.echo(as)).isZero();
            assertThat(as.peerMaxPduLength()).isPositive();
        }
    }

    @Test
    void orthancEchoesOurAcceptor() throws Exception {
        OrthancProcess orthanc = ORTHANC.get();
        try (DicomServer server = DicomServer.builder(Peers.ae().build(), Peers.verificationScp()).port(0).start()) {
            orthanc.putModality("vesalius", new OrthancConfig.Peer("VESALIUS", "127.0.0.1", server.port()), Map.of());
            orthanc.postJson("/modalities/vesalius/echo", Map.of());
            orthanc.putModality("wrongae", new OrthancConfig.Peer("NOT_US", "127.0.0.1", server.port()), Map.of());
            assertThatThrownBy(() -> orthanc.postJson("/modalities/wrongae/echo", Map.of())).isInstanceOf(IOException.class);
        }
    }
}
