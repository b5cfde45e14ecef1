package org.vesalius.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Our requestor and our acceptor, in process: the smallest end-to-end exchange. */
class EchoRoundTripTest {

    static final String IMPLICIT = "1.2.840.10008.1.2";
    static final String EXPLICIT = "1.2.840.10008.1.2.1";

    @Test
    void echoAndRelease() throws Exception {
        ApplicationEntity ae = ApplicationEntity.builder("VESALIUS").acceptScp(Peers.VERIFICATION, EXPLICIT, IMPLICIT).build();
        try (DicomServer server = DicomServer.builder(ae, Peers.verificationScp()).port(0).start()) {
            AssociationRequest rq = AssociationRequest.builder("ECHOSCU", "VESALIUS")
                    .propose(Peers.VERIFICATION, IMPLICIT, EXPLICIT).build();
            Association as = Peers.dimse(DicomClient.builder().build()).connect("localhost", server.port(), rq);
            assertThat(as.presentationContexts()).singleElement().satisfies(pc -> {
                assertThat(pc.isAccepted()).isTrue();
                assertThat(pc.transferSyntax()).isEqualTo(EXPLICIT); // our preference, not the proposer's
            });
            assertThat(Peers.echo(as)).isZero();
            assertThat(Peers.echo(as)).isZero();
            as.release();
            assertThat(as.end()).hasValueSatisfying(end -> assertThat(end.isReleased()).isTrue());
        }
    }
}
