package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketAddress;
import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.vesalius.dicom.net.ul.pdu.AAbort;
import org.vesalius.dicom.net.ul.pdu.AAssociateAc;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.AsyncOpsWindow;
import org.vesalius.dicom.net.ul.pdu.UserIdentityRequest;
import org.vesalius.dicom.net.ul.pdu.UserIdentityResponse;

/**
 * An established DICOM association, the same object on the requestor side
 * ({@link DicomClient#connect}) and the acceptor side ({@link MessageHandler} callbacks).
 *
 * <p>Sending: {@link #send} writes a whole message (command, then data set) under a lock, so
 * several threads may send on one association when the asynchronous operations window allows it.
 * Data sets are cut into PDUs that respect the peer's maximum length. Receiving happens on the
 * association's reader thread, which passes each message to the {@link MessageHandler}.
 *
 * <p>Ending: {@link #release()} is the graceful way, {@link #abort()} the immediate one;
 * {@link #close()} releases and falls back to aborting.
 */
public final class Association implements AutoCloseable {

    private final UpperLayer ul;
    private final AAssociateRq request;
    private final AAssociateAc accept;
    private final AssociationOptions options;
    private final PresentationContexts contexts;
    private final long sendLimit;
    private final MessageSender sender;
    private final ReentrantLock messageLock;
    private final long startNanos = System.nanoTime();
    private volatile Thread readerThread;
    private final Principal user;

    Association(UpperLayer ul, AAssociateRq request, AAssociateAc accept, AssociationOptions options, Principal user) {
        this.ul = ul;
        this.user = user;
        this.request = request;
        this.accept = accept;
        this.options = options;
        this.contexts = PresentationContexts.of(request, accept);
        long peerMax = ul.isRequestor() ? accept.userInformation().maxPduLength() : request.userInformation().maxPduLength();
        this.sendLimit = options.effectiveSendLimit(peerMax);
        this.sender = new MessageSender(ul, contexts, sendLimit, this::abort);
        this.messageLock = sender.lock();
    }

    /** True on the side that sent A-ASSOCIATE-RQ. */
    public boolean isRequestor() {
        return ul.isRequestor();
    }

    /** The requestor's AE title. */
    public String callingAeTitle() {
        return request.callingAeTitle();
    }

    /** The acceptor's AE title, as the requestor called it. */
    public String calledAeTitle() {
        return request.calledAeTitle();
    }

    /** The other side's AE title. */
    public String remoteAeTitle() {
        return isRequestor() ? calledAeTitle() : callingAeTitle();
    }

    /** The other side's socket address. */
    public SocketAddress remoteAddress() {
        return ul.transport().remoteAddress();
    }

    /** All presentation contexts, accepted or not, in the order proposed. */
    public List<PresentationContext> presentationContexts() {
        return contexts.all();
    }

    /** The context with this ID. */
    public Optional<PresentationContext> presentationContext(int id) {
        return contexts.byId(id);
    }

    /** The first accepted context for an abstract syntax (SOP Class UID). */
    public Optional<PresentationContext> acceptedContext(String abstractSyntax) {
        return contexts.accepted(abstractSyntax, null);
    }

    /** The first accepted context for an abstract syntax with the given transfer syntax. */
    public Optional<PresentationContext> acceptedContext(String abstractSyntax, String transferSyntax) {
        return contexts.accepted(abstractSyntax, transferSyntax);
    }

    /** The maximum P-DATA-TF length the peer accepts (0 = no limit). */
    public long peerMaxPduLength() {
        return peerInfo().maxPduLength();
    }

    /** The maximum P-DATA-TF length we advertised (0 = no limit). */
    public long maxPduLengthReceive() {
        return options.maxPduLengthReceive();
    }

    /** The P-DATA-TF length our outgoing PDUs do not exceed. */
    public long maxPduLengthSend() {
        return sendLimit;
    }

    /** The negotiated window: the acceptor's answer, or 1/1 when either side left it out. */
    public AsyncOpsWindow asyncOpsWindow() {
        AsyncOpsWindow w = accept.userInformation().asyncOpsWindow();
        return w != null && request.userInformation().asyncOpsWindow() != null ? w : AsyncOpsWindow.SYNCHRONOUS;
    }

    /** The requestor's user identity, if it sent one. */
    public Optional<UserIdentityRequest> userIdentity() {
        return Optional.ofNullable(request.userInformation().userIdentity());
    }

    /**
     * Whom the acceptor's {@link UserIdentityVerifier} verified the requestor as (on the acceptor
     * side); empty when no identity was verified, and always on the requestor side.
     */
    public Optional<Principal> user() {
        return Optional.ofNullable(user);
    }

    /** The acceptor's user identity server response, if it sent one. */
    public Optional<UserIdentityResponse> userIdentityResponse() {
        return Optional.ofNullable(accept.userInformation().userIdentityResponse());
    }

    /** The peer's Implementation Class UID. */
    public String peerImplementationClassUid() {
        return peerInfo().implementationClassUid();
    }

    /** The peer's Implementation Version Name, if sent. */
    public Optional<String> peerImplementationVersionName() {
        return Optional.ofNullable(peerInfo().implementationVersionName());
    }

    /** The A-ASSOCIATE-RQ as sent or received: extended negotiation and everything else. */
    public AAssociateRq request() {
        return request;
    }

    /** The A-ASSOCIATE-AC as sent or received. */
    public AAssociateAc accept() {
        return accept;
    }

    /**
     * Sends one message: the command set, then the data set if {@code dataSet} is not null. The
     * whole message is sent under the association's send lock. If writing the data set fails the
     * association is aborted, since the peer cannot tell a truncated data set from a whole one.
     *
     * @param presentationContextId an accepted context
     * @param command               the command set, Implicit VR Little Endian
     * @param dataSet               writes the data set in the context's transfer syntax, or null
     */
    public void send(int presentationContextId, byte[] command, DataWriter dataSet) throws IOException {
        sender.send(presentationContextId, command, dataSet);
    }

    /**
     * A stream of command or data set fragments on one context, cut to the peer's maximum PDU
     * length; closing it sends the last fragment. The send lock is held from here until
     * {@code close()}, which must be called by the same thread. To send a command and its data set
     * without another thread's message in between, use {@link #send}.
     *
     * <p>If producing the content fails, call {@link #abort()} <em>before</em> closing the stream:
     * closing marks the fragment sent last as complete.
     */
    public OutputStream openPData(int presentationContextId, boolean command) throws IOException {
        return sender.openPData(presentationContextId, command);
    }

    /**
     * Releases the association (A-RELEASE-RQ, wait for A-RELEASE-RP), after any message being
     * sent. Aborts when the peer does not answer within the release timeout. Called from the
     * reader thread (inside a handler), it only sends the request: the reader completes the release.
     *
     * @throws AssociationException when the association was aborted instead, or the release timed out
     */
    public void release() throws AssociationException {
        try {
            if (!messageLock.tryLock(options.releaseTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
                abort("release timeout: a message is still being sent");
                throw new AssociationTimeoutException("release timed out waiting for a message to be sent");
            }
            try {
                if (ul.state() == State.STA6) {
                    ul.fire(Event.EVT11, null, "release requested");
                }
            } finally {
                messageLock.unlock();
            }
            if (Thread.currentThread() == readerThread) {
                return;
            }
            if (!ul.await(State.STA1, options.releaseTimeout())) {
                abort("release timeout");
                throw new AssociationTimeoutException("no A-RELEASE-RP within " + options.releaseTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort("interrupted while releasing");
            throw new AssociationException("interrupted while releasing");
        }
        AssociationEnd end = ul.end();
        if (end == null || !end.isReleased()) {
            throw ul.ended("association ended without release");
        }
    }

    /** Aborts at once (A-ABORT from the service-user); returns without waiting. Safe to call any time. */
    public void abort() {
        abort("abort requested");
    }

    /** The idle timeout's graceful path: request release, abort if the peer does not answer in time. */
    void releaseAfterIdle() {
        messageLock.lock();
        try {
            if (ul.state() == State.STA6) {
                ul.fire(Event.EVT11, null, "idle timeout");
            }
        } finally {
            messageLock.unlock();
        }
        try {
            if (!ul.await(State.STA1, options.releaseTimeout())) {
                abort("no A-RELEASE-RP after the idle timeout's release request");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void abort(String why) {
        ul.fire(Event.EVT15, AAbort.BY_USER, why);
    }

    /** Releases if still established, aborting if that fails; for try-with-resources. */
    @Override
    public void close() {
        if (ul.state() == State.STA6) {
            try {
                release();
            } catch (AssociationException e) {
                abort("release failed");
            }
        } else {
            abort("closed");
        }
    }

    /** True while messages can be exchanged. */
    public boolean isEstablished() {
        return ul.state() == State.STA6;
    }

    /** How the association ended, once it has. */
    public Optional<AssociationEnd> end() {
        return ul.state() == State.STA1 ? Optional.ofNullable(ul.end()) : Optional.empty();
    }

    /** Waits until the connection is closed; false on timeout. */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ul.await(State.STA1, timeout);
    }

    /** For example {@code STORESCU->VESALIUS}. */
    @Override
    public String toString() {
        return ul.name();
    }

    UpperLayer upperLayer() {
        return ul;
    }

    AssociationOptions options() {
        return options;
    }

    PresentationContexts contexts() {
        return contexts;
    }

    long startNanos() {
        return startNanos;
    }

    void readerThread(Thread thread) {
        this.readerThread = thread;
    }

    private org.vesalius.dicom.net.ul.pdu.UserInformation peerInfo() {
        return isRequestor() ? accept.userInformation() : request.userInformation();
    }
}
