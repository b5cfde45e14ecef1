package org.vesalius.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.net.ul.pdu.AAbort;
import org.vesalius.dicom.net.ul.pdu.AAssociateAc;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.AReleaseRp;
import org.vesalius.dicom.net.ul.pdu.AReleaseRq;
import org.vesalius.dicom.net.ul.pdu.PDataTf;
import org.vesalius.dicom.net.ul.pdu.Pdu;
import org.vesalius.dicom.net.ul.pdu.Pdv;
import org.vesalius.dicom.net.ul.pdu.PresentationContextResult;
import org.vesalius.dicom.net.ul.pdu.UserIdentityRequest;
import org.vesalius.dicom.net.ul.pdu.UserInformation;

/** Our acceptor and requestor over loopback, against each other and against raw-socket peers. */
class AssociationBehaviourIT {

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : cleanup.reversed()) {
            c.close();
        }
    }

    private DicomServer start(ApplicationEntity ae, MessageHandler handler) throws IOException {
        DicomServer server = DicomServer.builder(ae, handler).port(0).start();
        cleanup.add(server);
        return server;
    }

    private Association connect(DicomServer server, AssociationRequest rq) throws IOException {
        Association as = Peers.dimse().connect("localhost", server.port(), rq);
        cleanup.add(as::abort);
        return as;
    }

    private static AAssociateRj rejection(ThrowingCall call) {
        try {
            call.run();
        } catch (AssociationRejectedException e) {
            return e.reject();
        } catch (Exception e) {
            throw new AssertionError("expected a rejection, got " + e, e);
        }
        throw new AssertionError("expected a rejection");
    }

    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void unknownCalledAeTitleIsRejected() throws Exception {
        DicomServer server = start(Peers.ae().build(), Peers.verificationScp());
        AAssociateRj rj = rejection(() -> connect(server, Peers.request("SCU", "SOMEONE_ELSE")));
        assertThat(rj).isEqualTo(AAssociateRj.CALLED_AE_TITLE_NOT_RECOGNIZED);
    }

    @Test
    void callingAeTitleNotAllowedIsRejected() throws Exception {
        DicomServer server = start(Peers.ae().policy(AssociationPolicy.callingAeTitles(Set.of("FRIEND"))).build(),
                Peers.verificationScp());
        assertThat(rejection(() -> connect(server, Peers.request("STRANGER", "VESALIUS"))))
                .isEqualTo(AAssociateRj.CALLING_AE_TITLE_NOT_RECOGNIZED);
        connect(server, Peers.request("FRIEND", "VESALIUS")).release();
    }

    @Test
    void contextsThePolicyRefusesAreUserRejected() throws Exception {
        AssociationPolicy echoOnly = new AssociationPolicy() {
            @Override
            public Optional<AAssociateRj> admit(AAssociateRq request, SocketAddress peer) {
                return Optional.empty();
            }

            @Override
            public boolean permits(AAssociateRq request, SocketAddress peer, String abstractSyntax, RequestorRole role) {
                return abstractSyntax.equals(Peers.VERIFICATION) && request.callingAeTitle().equals("FRIEND");
            }
        };
        ApplicationEntity ae = Peers.ae().acceptScp("1.2.3.4.5", Peers.IMPLICIT).policy(echoOnly).build();
        DicomServer server = start(ae, Peers.verificationScp());
        AssociationRequest rq = AssociationRequest.builder("FRIEND", "VESALIUS").propose("1.2.3.4.5", Peers.IMPLICIT)
                .propose(Peers.VERIFICATION, Peers.IMPLICIT).build();
        Association as = connect(server, rq);
        assertThat(as.presentationContexts()).extracting(PresentationContext::result).containsExactly(
                PresentationContextResult.Result.USER_REJECTION, PresentationContextResult.Result.ACCEPTANCE);
        as.release();
        // Nothing left: rejected in protocol terms, as for contexts we do not support at all.
        AssociationRequest other = AssociationRequest.builder("OTHER", "VESALIUS").propose("1.2.3.4.5", Peers.IMPLICIT)
                .propose(Peers.VERIFICATION, Peers.IMPLICIT).build();
        assertThat(rejection(() -> connect(server, other))).isEqualTo(AAssociateRj.NO_REASON_GIVEN);
    }

    @Test
    void nothingAcceptableIsRejectedNotAcceptedThenAborted() throws Exception {
        DicomServer server = start(Peers.ae().build(), Peers.verificationScp());
        AssociationRequest unsupported = AssociationRequest.builder("SCU", "VESALIUS").propose("1.2.3.4.5", Peers.IMPLICIT)
                .propose(Peers.VERIFICATION, "1.2.840.10008.1.2.4.50").build();
        assertThat(rejection(() -> connect(server, unsupported))).isEqualTo(AAssociateRj.NO_REASON_GIVEN);
    }

    @Test
    void everyProposedContextIsAnswered() throws Exception {
        DicomServer server = start(Peers.ae().build(), Peers.verificationScp());
        AssociationRequest rq = AssociationRequest.builder("SCU", "VESALIUS").propose("1.2.3.4.5", Peers.IMPLICIT)
                .propose(Peers.VERIFICATION, "1.2.840.10008.1.2.4.50").propose(Peers.VERIFICATION, Peers.IMPLICIT).build();
        Association as = connect(server, rq);
        assertThat(as.presentationContexts()).extracting(PresentationContext::result).containsExactly(
                PresentationContextResult.Result.ABSTRACT_SYNTAX_NOT_SUPPORTED,
                PresentationContextResult.Result.TRANSFER_SYNTAXES_NOT_SUPPORTED,
                PresentationContextResult.Result.ACCEPTANCE);
        assertThat(as.accept().presentationContexts()).extracting(PresentationContextResult::id).containsExactly(1, 3, 5);
        as.release();
    }

    @Test
    void associationLimitRejectsTransientlyWithLocalLimitExceeded() throws Exception {
        DicomServer server = start(Peers.ae().maxAssociations(3, 2).build(), Peers.verificationScp());
        Association a1 = connect(server, Peers.request("A", "VESALIUS"));
        connect(server, Peers.request("A", "VESALIUS"));
        // per calling AE: the third from A is one too many
        assertThat(rejection(() -> connect(server, Peers.request("A", "VESALIUS"))))
                .isEqualTo(AAssociateRj.LOCAL_LIMIT_EXCEEDED);
        connect(server, Peers.request("B", "VESALIUS"));
        // in total: the fourth is one too many
        AAssociateRj rj = rejection(() -> connect(server, Peers.request("C", "VESALIUS")));
        assertThat(rj.result()).isEqualTo(AAssociateRj.RESULT_TRANSIENT);
        assertThat(rj.source()).isEqualTo(AAssociateRj.SOURCE_SERVICE_PROVIDER_PRESENTATION);
        assertThat(rj.reason()).isEqualTo(2);
        a1.release();
        awaitActive(server, 2);
        connect(server, Peers.request("C", "VESALIUS")).release();
    }

    private static void awaitActive(DicomServer server, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30); // hang guard
        while (server.activeAssociations() != n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.activeAssociations()).isEqualTo(n);
    }

    @Test
    void userIdentityIsVerifiedAndAnswered() throws Exception {
        UserIdentityVerifier verifier = (id, calling, peer) -> id != null && id.primaryText().equals("alice")
                ? UserIdentityVerifier.Verdict.accept("token".getBytes(StandardCharsets.US_ASCII))
                : UserIdentityVerifier.Verdict.reject();
        DicomServer server = start(Peers.ae().identityVerifier(verifier).build(), Peers.verificationScp());
        AssociationRequest alice = AssociationRequest.builder("SCU", "VESALIUS").propose(Peers.VERIFICATION, Peers.IMPLICIT)
                .userIdentity(UserIdentityRequest.jwt("alice", true)).build();
        Association as = connect(server, alice);
        assertThat(as.userIdentityResponse()).hasValueSatisfying(
                r -> assertThat(new String(r.serverResponse(), StandardCharsets.US_ASCII)).isEqualTo("token"));
        as.release();
        AssociationRequest mallory = AssociationRequest.builder("SCU", "VESALIUS").propose(Peers.VERIFICATION, Peers.IMPLICIT)
                .userIdentity(UserIdentityRequest.usernameAndPasscode("mallory", "x", false)).build();
        assertThat(rejection(() -> connect(server, mallory))).isEqualTo(AAssociateRj.USER_IDENTITY_REFUSED);
    }

    @Test
    void theVerifiedUserDecidesThePresentationContexts() throws Exception {
        java.security.Principal alice = () -> "alice";
        UserIdentityVerifier verifier = (id, calling, peer) -> id == null ? UserIdentityVerifier.Verdict.unverified()
                : id.primaryText().equals("alice") ? UserIdentityVerifier.Verdict.verified(alice)
                : UserIdentityVerifier.Verdict.reject();
        AssociationPolicy onlyAlice = new AssociationPolicy() {
            @Override
            public java.util.Optional<AAssociateRj> admit(org.vesalius.dicom.net.ul.pdu.AAssociateRq request,
                    java.net.SocketAddress peer) {
                return java.util.Optional.empty();
            }

            @Override
            public boolean permits(org.vesalius.dicom.net.ul.pdu.AAssociateRq request, java.net.SocketAddress peer,
                    java.security.Principal user, String abstractSyntax, RequestorRole role) {
                return user != null && user.getName().equals("alice");
            }
        };
        DicomServer server = start(Peers.ae().policy(AssociationPolicy.admitAll().and(onlyAlice)).identityVerifier(verifier).build(),
                Peers.verificationScp());
        Association as = connect(server, AssociationRequest.builder("SCU", "VESALIUS").propose(Peers.VERIFICATION, Peers.IMPLICIT)
                .userIdentity(UserIdentityRequest.usernameAndPasscode("alice", "pw", true)).build());
        assertThat(as.userIdentityResponse()).hasValueSatisfying(r -> assertThat(r.serverResponse()).isEmpty());
        as.release();
        // No identity: accepted unverified by the verifier, but no context is permitted to nobody.
        assertThat(rejection(() -> connect(server, AssociationRequest.builder("SCU", "VESALIUS")
                .propose(Peers.VERIFICATION, Peers.IMPLICIT).build()))).isEqualTo(AAssociateRj.NO_REASON_GIVEN);
    }

    @Test
    void anUnverifiedIdentityGetsNoPositiveResponse() throws Exception {
        DicomServer server = start(Peers.ae().identityVerifier((id, calling, peer) -> UserIdentityVerifier.Verdict.unverified())
                .build(), Peers.verificationScp());
        Association as = connect(server, AssociationRequest.builder("SCU", "VESALIUS").propose(Peers.VERIFICATION, Peers.IMPLICIT)
                .userIdentity(UserIdentityRequest.username("bob", true)).build());
        assertThat(as.userIdentityResponse()).isEmpty();
        as.release();
    }

    @Test
    void roleSelectionAndAsyncWindowAreNegotiated() throws Exception {
        ApplicationEntity ae = Peers.ae().accept(new TransferCapability("1.2.840.10008.5.1.4.1.1.4", List.of(Peers.EXPLICIT),
                TransferCapability.Role.BOTH)).asyncOpsWindow(new org.vesalius.dicom.net.ul.pdu.AsyncOpsWindow(4, 1)).build();
        DicomServer server = start(ae, Peers.verificationScp());
        AssociationRequest rq = AssociationRequest.builder("SCU", "VESALIUS").propose("1.2.840.10008.5.1.4.1.1.4", Peers.EXPLICIT)
                .propose(Peers.CT_IMAGE_STORAGE, Peers.IMPLICIT).roles("1.2.840.10008.5.1.4.1.1.4", false, true)
                .roles(Peers.CT_IMAGE_STORAGE, false, true).asyncOpsWindow(0, 0).build();
        Association as = connect(server, rq);
        PresentationContext mr = as.presentationContext(1).orElseThrow();
        assertThat(mr.isAccepted()).isTrue();
        assertThat(mr.scpRole()).isTrue();
        assertThat(mr.scuRole()).isFalse();
        assertThat(mr.localMayBeScp(true)).isTrue();
        // CT is accepted by us as SCP only: the requestor asked to be SCP only, so nothing is left
        assertThat(as.presentationContext(3).orElseThrow().result()).isEqualTo(PresentationContextResult.Result.USER_REJECTION);
        assertThat(as.asyncOpsWindow()).isEqualTo(new org.vesalius.dicom.net.ul.pdu.AsyncOpsWindow(4, 1));
        as.release();
    }

    /** A C-GET SCU receiving gets its own first choice among what we accept; a sender gets ours. */
    @Test
    void whereTheRequestorOnlyReceivesItsOrderDecides() throws Exception {
        String jpegLossless = "1.2.840.10008.1.2.4.70";
        String mr = "1.2.840.10008.5.1.4.1.1.4";
        ApplicationEntity ae = Peers.ae().accept(new TransferCapability(mr,
                List.of(Peers.EXPLICIT, Peers.IMPLICIT, jpegLossless), TransferCapability.Role.BOTH)).build();
        DicomServer server = start(ae, Peers.verificationScp());
        AssociationRequest receiving = AssociationRequest.builder("GETSCU", "VESALIUS")
                .propose(mr, jpegLossless, Peers.IMPLICIT, Peers.EXPLICIT)
                .roles(mr, false, true).build();
        Association get = connect(server, receiving);
        assertThat(get.presentationContext(1).orElseThrow().transferSyntax()).isEqualTo(jpegLossless);
        get.release();
        AssociationRequest sending = AssociationRequest.builder("STORESCU", "VESALIUS")
                .propose(mr, jpegLossless, Peers.IMPLICIT, Peers.EXPLICIT).build();
        Association store = connect(server, sending);
        assertThat(store.presentationContext(1).orElseThrow().transferSyntax()).isEqualTo(Peers.EXPLICIT);
        store.release();
    }

    @Test
    void garbageGetsAnAbortAndTheConnectionClosed() throws Exception {
        DicomServer server = start(Peers.ae().build(), Peers.verificationScp());
        try (Peers.Raw raw = new Peers.Raw(server.port())) {
            raw.sendBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.read()).isEqualTo(AAbort.byProvider(AAbort.REASON_UNRECOGNIZED_PDU));
            raw.socket.shutdownOutput();
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void pduLongerThanOurMaximumGetsAnAbort() throws Exception {
        DicomServer server = start(Peers.ae().build(), Peers.verificationScp());
        try (Peers.Raw raw = new Peers.Raw(server.port())) {
            raw.send(Peers.rawRequest("RAW", "VESALIUS"));
            assertThat(raw.read()).isInstanceOf(AAssociateAc.class);
            long tooLong = AssociationOptions.DEFAULT_MAX_PDU_LENGTH + 1;
            raw.sendBytes(new byte[] {4, 0, 0, 0, (byte) (tooLong >> 8), (byte) tooLong});
            assertThat(raw.read()).isEqualTo(AAbort.byProvider(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE));
            raw.socket.shutdownOutput();
            assertThat(raw.closedByPeer()).isTrue();
        }
    }

    @Test
    void silentConnectionIsClosedByArtim() throws Exception {
        DicomServer server = start(Peers.ae().build(), Peers.verificationScp());
        try (Peers.Raw raw = new Peers.Raw(server.port())) {
            assertThat(raw.closedByPeer()).isTrue(); // within ARTIM (2 s here); the read timeout is only a hang guard
        }
    }

    @Test
    void abortMidDataSetFailsTheStreamInsteadOfEndingIt() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        MessageHandler reader = (as, message) -> {
            try {
                message.dataSet().readAllBytes();
                outcome.complete(null);
            } catch (IOException e) {
                outcome.complete(e);
                throw e;
            }
        };
        DicomServer server = start(Peers.ae().build(), reader);
        try (Peers.Raw raw = new Peers.Raw(server.port())) {
            raw.send(Peers.rawRequest("RAW", "VESALIUS"));
            assertThat(raw.read()).isInstanceOf(AAssociateAc.class);
            raw.send(new PDataTf(List.of(Pdv.of(1, true, true, Peers.COMMAND_WITH_DATA))));
            raw.send(new PDataTf(List.of(Pdv.of(1, false, false, new byte[1000]))));
            raw.send(AAbort.BY_USER);
            assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(AssociationAbortedException.class,
                    e -> assertThat(e.end().kind()).isEqualTo(AssociationEnd.Kind.ABORTED_BY_PEER));
        }
    }

    @Test
    void peerClosingMidDataSetFailsTheStream() throws Exception {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        MessageHandler reader = (as, message) -> {
            try {
                message.dataSet().readAllBytes();
                outcome.complete(null);
            } catch (IOException e) {
                outcome.complete(e);
            }
        };
        DicomServer server = start(Peers.ae().build(), reader);
        try (Peers.Raw raw = new Peers.Raw(server.port())) {
            raw.send(Peers.rawRequest("RAW", "VESALIUS"));
            raw.read();
            raw.send(new PDataTf(List.of(Pdv.of(1, true, true, Peers.COMMAND_WITH_DATA))));
            raw.send(new PDataTf(List.of(Pdv.of(1, false, false, new byte[1000]))));
        }
        assertThat(outcome.get(30, TimeUnit.SECONDS)).isInstanceOf(AssociationException.class);
    }

    @Test
    void releaseCollisionOnTheRequestorSide() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<Pdu>> seen = CompletableFuture.supplyAsync(() -> {
                try (Peers.Raw peer = new Peers.Raw(listener.accept())) {
                    AAssociateRq rq = (AAssociateRq) peer.read();
                    peer.send(new AAssociateAc(1, rq.calledAeTitle(), rq.callingAeTitle(), rq.applicationContextName(),
                            List.of(new PresentationContextResult(1, PresentationContextResult.Result.ACCEPTANCE, Peers.IMPLICIT)),
                            UserInformation.of(16384, "1.2.3", null)));
                    Pdu first = peer.read(); // our A-RELEASE-RQ
                    peer.send(new AReleaseRq()); // the peer wanted to release too: collision
                    Pdu second = peer.read(); // requestor side of a collision answers first (AR-9)
                    peer.send(new AReleaseRp());
                    return List.of(first, second);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            AssociationRequest rq = AssociationRequest.builder("SCU", "PEER").propose(Peers.VERIFICATION, Peers.IMPLICIT).build();
            Association as = Peers.dimse().connect("localhost", listener.getLocalPort(), rq);
            as.release();
            assertThat(seen.get(30, TimeUnit.SECONDS)).containsExactly(new AReleaseRq(), new AReleaseRp());
            assertThat(as.end()).hasValueSatisfying(e -> assertThat(e.isReleased()).isTrue());
        }
    }

    @Test
    void acseTimeoutWhenNobodyAnswers() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Pdu> afterRequest = CompletableFuture.supplyAsync(() -> {
                try (Peers.Raw peer = new Peers.Raw(listener.accept())) {
                    peer.read(); // the request, never answered
                    return peer.read(); // what the requestor sends when it gives up
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            DicomClient client = DicomClient.builder().options(Peers.quick().withAcseTimeout(Duration.ofMillis(500))).build();
            assertThatThrownBy(() -> Peers.dimse(client).connect("localhost", listener.getLocalPort(),
                    Peers.request("SCU", "PEER"))).isInstanceOf(AssociationTimeoutException.class);
            assertThat(afterRequest.get(30, TimeUnit.SECONDS)).isEqualTo(AAbort.BY_USER);
        }
    }

    @Test
    void idleTimeoutReleases() throws Exception {
        ApplicationEntity ae = Peers.ae().options(Peers.quick().withIdleTimeout(Duration.ofMillis(300), IdleAction.RELEASE)).build();
        DicomServer server = start(ae, Peers.verificationScp());
        Association as = connect(server, Peers.request("SCU", "VESALIUS"));
        assertThat(as.awaitEnd(Duration.ofSeconds(30))).isTrue();
        assertThat(as.end()).hasValueSatisfying(e -> {
            assertThat(e.kind()).isEqualTo(AssociationEnd.Kind.RELEASED);
            assertThat(e.detail()).isEqualTo("peer asked");
        });
    }

    @Test
    void idleTimeoutAborts() throws Exception {
        ApplicationEntity ae = Peers.ae().options(Peers.quick().withIdleTimeout(Duration.ofMillis(300), IdleAction.ABORT)).build();
        DicomServer server = start(ae, Peers.verificationScp());
        Association as = connect(server, Peers.request("SCU", "VESALIUS"));
        assertThat(as.awaitEnd(Duration.ofSeconds(30))).isTrue();
        assertThat(as.end()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(AssociationEnd.Kind.ABORTED_BY_PEER));
    }

    @Test
    void serverCloseAbortsOpenAssociations() throws Exception {
        DicomServer server = DicomServer.builder(Peers.ae().build(), Peers.verificationScp()).port(0).start();
        Association as = connect(server, Peers.request("SCU", "VESALIUS"));
        assertThat(Peers.echo(as)).isZero();
        server.close();
        assertThat(as.awaitEnd(Duration.ofSeconds(30))).isTrue();
        assertThat(as.end()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(AssociationEnd.Kind.ABORTED_BY_PEER));
        assertThat(server.openConnections()).isZero();
    }

    @Test
    void localAbortEndsBothSides() throws Exception {
        CompletableFuture<AssociationEnd> acceptorEnd = new CompletableFuture<>();
        MessageHandler handler = new MessageHandler() {
            @Override
            public void onMessage(Association association, IncomingMessage message) {
            }

            @Override
            public void onClosed(Association association, AssociationEnd end) {
                acceptorEnd.complete(end);
            }
        };
        DicomServer server = start(Peers.ae().build(), handler);
        Association as = connect(server, Peers.request("SCU", "VESALIUS"));
        as.abort();
        assertThat(as.awaitEnd(Duration.ofSeconds(30))).isTrue();
        assertThat(as.end()).hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(AssociationEnd.Kind.ABORTED_LOCALLY));
        assertThat(acceptorEnd.get(30, TimeUnit.SECONDS).kind()).isEqualTo(AssociationEnd.Kind.ABORTED_BY_PEER);
        assertThatThrownBy(() -> as.send(1, Peers.COMMAND_WITHOUT_DATA, null)).isInstanceOf(AssociationAbortedException.class);
    }
}
