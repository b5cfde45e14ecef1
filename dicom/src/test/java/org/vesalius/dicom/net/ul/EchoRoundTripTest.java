package org.vesalius.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.net.echo.EchoScu;
import org.vesalius.dicom.net.echo.VerificationScp;

/** Our requestor and our acceptor, in process: the smallest end-to-end exchange. */
class EchoRoundTripTest {

    static final String IMPLICIT = "1.2.840.10008.1.2";
    static final String EXPLICIT = "1.2.840.10008.1.2.1";

    @Test
    void echoAndRelease() throws Exception {
        ApplicationEntity ae = ApplicationEntity.builder("VESALIUS").acceptScp(VerificationScp.SOP_CLASS, EXPLICIT, IMPLICIT).build();
        try (DicomServer server = DicomServer.builder(ae, new VerificationScp()).port(0).start()) {
            EchoScu scu = new EchoScu();
            AssociationRequest rq = AssociationRequest.builder("ECHOSCU", "VESALIUS")
                    .propose(VerificationScp.SOP_CLASS, IMPLICIT, EXPLICIT).build();
            Association as = DicomClient.builder().build().connect("localhost", server.port(), rq, scu);
            assertThat(as.presentationContexts()).singleElement().satisfies(pc -> {
                assertThat(pc.isAccepted()).isTrue();
                assertThat(pc.transferSyntax()).isEqualTo(EXPLICIT); // our preference, not the proposer's
            });
            assertThat(scu.echo(as, Duration.ofSeconds(10))).isZero();
            assertThat(scu.echo(as, Duration.ofSeconds(10))).isZero();
            as.release();
            assertThat(as.end()).hasValueSatisfying(end -> assertThat(end.isReleased()).isTrue());
        }
    }
}
