package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketAddress;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.dicom.net.ul.pdu.AAbort;
import org.vesalius.dicom.net.ul.pdu.AAssociateAc;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.UserIdentityResponse;
import org.vesalius.dicom.net.ul.pdu.UserInformation;

/**
 * One accepted connection, from TCP accept to close: TLS handshake and A-ASSOCIATE-RQ under
 * ARTIM, admission and negotiation, A-ASSOCIATE-AC or -RJ, then the association's reader loop,
 * on the reader executor when there is one (the handshake runs where the connection was accepted:
 * waiting for a request that may never come costs a virtual thread nothing, a platform thread a
 * pool slot). The connection's {@link AssociationLimits.Slot} is freed when it closes, on every path.
 */
final class AcceptorTask implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptorTask.class);

    private final Socket socket;
    private final ApplicationEntity ae;
    private final MessageHandler handler;
    private final AssociationLimits.Slot slot;
    private final Executor readers;
    private final Runnable onFinished;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile UpperLayer ul;
    private volatile Association association;

    /**
     * @param readers    runs the reader loop once associated; null runs it on this task's thread
     * @param onFinished called once, when the connection is closed and its slot freed
     */
    AcceptorTask(Socket socket, ApplicationEntity ae, MessageHandler handler, AssociationLimits.Slot slot,
            Executor readers, Runnable onFinished) {
        this.socket = socket;
        this.ae = ae;
        this.handler = handler;
        this.slot = slot;
        this.readers = readers;
        this.onFinished = onFinished;
    }

    /** Server shutdown: abort whatever stage this connection is in. */
    void abort() {
        UpperLayer current = ul;
        if (current != null) {
            current.fire(Event.EVT15, AAbort.BY_USER, "server shutting down");
        } else {
            closeQuietly();
        }
    }

    @Override
    public void run() {
        boolean handedOff = false;
        try {
            handedOff = runProtocol();
        } catch (RuntimeException e) {
            LOG.warn("{}: unexpected failure", ul != null ? ul.name() : socket.getRemoteSocketAddress(), e);
        } finally {
            if (!handedOff) {
                end();
            }
        }
    }

    /** Closes the socket and frees the slot, once, whoever gets here first. */
    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        try {
            closeQuietly();
        } finally {
            try {
                slot.close();
            } finally {
                onFinished.run();
            }
        }
    }

    /** True when the reader loop was handed to the reader executor, which then ends the connection. */
    private boolean runProtocol() {
        AssociationOptions options = ae.options();
        SocketAddress peer = socket.getRemoteSocketAddress();
        Transport transport;
        try {
            transport = new Transport(socket);
        } catch (IOException e) {
            LOG.debug("{}: connection unusable: {}", peer, e.toString());
            return false;
        }
        UpperLayer machine = new UpperLayer(transport, false, options.artimTimeout(), String.valueOf(peer));
        ul = machine;
        machine.fire(Event.EVT5, null, "connection from " + peer); // AE-5: ARTIM now bounds handshake and request
        if (socket instanceof SSLSocket ssl && !handshake(ssl, machine, peer)) {
            return false;
        }
        PduReader reader = new PduReader(transport.input(), options.maxIncomingPduLength());
        PDataReceiver untilClosed = new PDataReceiver(machine, reader, options.effectiveReceiveLimit(), id -> false);
        AAssociateRq rq = readRequest(reader, untilClosed, machine);
        if (rq == null) {
            awaitClose(untilClosed, machine);
            LOG.info("{}: closed without association: {}", peer, machine.end());
            return false;
        }
        if ((rq.protocolVersion() & AAssociateRq.PROTOCOL_VERSION) == 0) {
            reject(machine, Event.EVT6, rq, AAssociateRj.PROTOCOL_VERSION_NOT_SUPPORTED, peer);
            awaitClose(untilClosed, machine);
            return false;
        }
        machine.fire(Event.EVT6, null, "A-ASSOCIATE-RQ received"); // AE-6, acceptable: Sta3
        // The name is in every line and the MDC of this association: escape the peer's titles once, here.
        machine.rename(LogValue.escape(rq.callingAeTitle()) + "->" + LogValue.escape(rq.calledAeTitle()));
        Decision decision = decide(rq, peer);
        if (decision.reject() != null) {
            reject(machine, Event.EVT8, rq, decision.reject(), peer);
            awaitClose(untilClosed, machine);
            return false;
        }
        machine.fire(Event.EVT7, decision.accept(), "accepted");
        Association established = new Association(machine, rq, decision.accept(), options, decision.user());
        association = established;
        AssociationLog.established(established);
        PDataReceiver pdata = new PDataReceiver(machine, reader, options.effectiveReceiveLimit(),
                established.contexts()::isAccepted);
        MessageReceiver receiver = new MessageReceiver(established, pdata, handler, this::end);
        if (readers == null) {
            receiver.run();
            return true;
        }
        try {
            readers.execute(receiver);
            return true;
        } catch (RejectedExecutionException e) {
            // Only when shutting down: the slot was free, so the pool had room for it.
            established.abort("no reader thread: " + e.getMessage());
            return false;
        }
    }

    private boolean handshake(SSLSocket ssl, UpperLayer machine, SocketAddress peer) {
        try {
            ssl.startHandshake();
            return true;
        } catch (IOException e) {
            // Plain DICOM on the TLS port, an untrusted certificate, ARTIM: one line, no stack trace.
            LOG.info("{}: TLS handshake failed: {}", peer, e.getMessage());
            machine.fire(Event.EVT17, null, "TLS handshake failed");
            return false;
        }
    }

    /** The A-ASSOCIATE-RQ, or null when something else came (its event already fired). */
    private static AAssociateRq readRequest(PduReader reader, PDataReceiver untilClosed, UpperLayer machine) {
        try {
            PduReader.Header header = reader.readHeader();
            if (header == null) {
                machine.fire(Event.EVT17, null, "closed before A-ASSOCIATE-RQ");
                return null;
            }
            if (header.type() != AAssociateRq.TYPE) {
                untilClosed.handleUnexpected(header);
                return null;
            }
            return (AAssociateRq) reader.readBody(header);
        } catch (PduException e) {
            untilClosed.protocolError(e);
            return null;
        } catch (IOException e) {
            machine.fire(Event.EVT17, null, machine.transport().isClosed() ? "ARTIM expired" : e.toString());
            return null;
        }
    }

    /** An accept (with the user its identity proved, or null) or a reject. */
    private record Decision(AAssociateAc accept, Principal user, AAssociateRj reject) {

        static Decision rejected(AAssociateRj reject) {
            return new Decision(null, null, reject);
        }
    }

    private Decision decide(AAssociateRq rq, SocketAddress peer) {
        try {
            if (!ae.acceptAnyCalledAeTitle() && !ae.aeTitle().equals(rq.calledAeTitle())) {
                return Decision.rejected(AAssociateRj.CALLED_AE_TITLE_NOT_RECOGNIZED);
            }
            Optional<AAssociateRj> refused = ae.policy().admit(rq, peer);
            if (refused.isPresent()) {
                return Decision.rejected(refused.get());
            }
            if (!AAssociateRq.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContextName())) {
                return Decision.rejected(AAssociateRj.APPLICATION_CONTEXT_NOT_SUPPORTED);
            }
            long peerMax = rq.userInformation().maxPduLength();
            if (peerMax != 0 && peerMax < AssociationOptions.MIN_PDU_LENGTH) {
                LOG.info("{}: maximum PDU length {} is too small to work with", machine(), peerMax);
                return Decision.rejected(AAssociateRj.NO_REASON_GIVEN);
            }
            UserIdentityVerifier.Verdict verdict = ae.identityVerifier().verify(rq.userInformation().userIdentity(),
                    rq.callingAeTitle(), peer);
            if (!verdict.accepted()) {
                LOG.info("{}: user identity refused", machine());
                return Decision.rejected(AAssociateRj.USER_IDENTITY_REFUSED);
            }
            PresentationNegotiator.Outcome outcome = new PresentationNegotiator(ae).negotiate(rq, peer, verdict.user());
            if (!outcome.anyAccepted()) {
                // Reject in protocol terms rather than accept-then-abort (pynetdicom #197).
                LOG.info("{}: no acceptable presentation context: {}", machine(), outcome.results());
                return Decision.rejected(AAssociateRj.NO_REASON_GIVEN);
            }
            if (!slot.tryAssociate(rq.callingAeTitle())) {
                return Decision.rejected(AAssociateRj.LOCAL_LIMIT_EXCEEDED);
            }
            return new Decision(accept(rq, outcome, verdict), verdict.user(), null);
        } catch (RuntimeException e) {
            LOG.warn("{}: admission failed, rejecting", machine(), e);
            return Decision.rejected(AAssociateRj.NO_REASON_GIVEN);
        }
    }

    private AAssociateAc accept(AAssociateRq rq, PresentationNegotiator.Outcome outcome, UserIdentityVerifier.Verdict verdict) {
        AssociationOptions o = ae.options();
        UserIdentityResponse identityResponse = rq.userInformation().userIdentity() != null
                && rq.userInformation().userIdentity().positiveResponseRequested() ? verdict.serverResponse() : null;
        UserInformation info = new UserInformation(o.maxPduLengthReceive(), o.implementationClassUid(),
                o.implementationVersionName(), outcome.window(), outcome.roles(), outcome.extended(), List.of(), null,
                identityResponse);
        return new AAssociateAc(AAssociateRq.PROTOCOL_VERSION, rq.calledAeTitle(), rq.callingAeTitle(),
                rq.applicationContextName(), outcome.results(), info);
    }

    private static void reject(UpperLayer machine, Event event, AAssociateRq rq, AAssociateRj rj, SocketAddress peer) {
        LOG.info("{}: rejected {}->{} from {}: {}", machine.name(), LogValue.of(rq.callingAeTitle()), LogValue.of(rq.calledAeTitle()),
                peer, rj);
        machine.fire(event, rj, "rejected");
    }

    /** Sta13 (or Sta2 gone wrong): read and ignore until the peer closes or ARTIM closes for us. */
    private static void awaitClose(PDataReceiver untilClosed, UpperLayer machine) {
        while (machine.state() != State.STA1) {
            untilClosed.next();
        }
    }

    private String machine() {
        UpperLayer current = ul;
        return current != null ? current.name() : String.valueOf(socket.getRemoteSocketAddress());
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
