package org.vesalius.dicom.net.ul;

import static org.vesalius.dicom.net.ul.State.*;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.ul.pdu.AAbort;
import org.vesalius.dicom.net.ul.pdu.AReleaseRp;
import org.vesalius.dicom.net.ul.pdu.AReleaseRq;
import org.vesalius.dicom.net.ul.pdu.Pdu;

/**
 * Drives one association through {@link TransitionTable}: each event is looked up, the state
 * changes under a lock, and the action's I/O (sending a PDU, closing the connection) happens
 * after the lock is released, so that a slow peer never blocks the thread reading from it.
 */
final class UpperLayer {

    private static final Logger LOG = LoggerFactory.getLogger(UpperLayer.class);
    /** How long an abort waits for another thread's PDU write before giving up on sending A-ABORT. */
    private static final Duration ABORT_SEND_PATIENCE = Duration.ofSeconds(2);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Transport transport;
    private final boolean requestor;
    private final Duration artimTimeout;
    private volatile String name;
    private State state = STA1;
    private Countdown artim;
    private long artimGeneration;
    private AssociationEnd end;

    UpperLayer(Transport transport, boolean requestor, Duration artimTimeout, String name) {
        this.transport = transport;
        this.requestor = requestor;
        this.artimTimeout = artimTimeout;
        this.name = name;
    }

    String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
    }

    boolean isRequestor() {
        return requestor;
    }

    Transport transport() {
        return transport;
    }

    State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    /** Puts the machine in a state without going through the events that lead there; for tests of the table. */
    void forceState(State s) {
        lock.lock();
        try {
            state = s;
        } finally {
            lock.unlock();
        }
    }

    /** How the association ended, or null while it has not. */
    AssociationEnd end() {
        lock.lock();
        try {
            return end;
        } finally {
            lock.unlock();
        }
    }

    /** Records the cause of the end if none is known yet (the first cause wins). */
    void noteEnd(AssociationEnd cause) {
        lock.lock();
        try {
            if (end == null) {
                end = cause;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Fires {@code event}.
     *
     * @param pdu the PDU the resulting action sends (A-ASSOCIATE-RQ/AC/RJ, or the A-ABORT to send
     *            should the event turn out unexpected), or for Evt16 the A-ABORT received
     * @param why a few words for the log and {@link AssociationEnd#detail()}
     * @return the action taken
     * @throws IllegalStateException when a local primitive is not allowed in the current state
     */
    Action fire(Event event, Pdu pdu, String why) {
        Action action;
        lock.lock();
        try {
            State from = state;
            action = TransitionTable.lookup(from, event);
            if (action == Action.REFUSE) {
                throw new IllegalStateException(event + " is not allowed in " + from);
            }
            if (action == Action.IGNORE) {
                LOG.debug("{}: {} ignored in {}", name, event.label(), from.label());
                return action;
            }
            state = switch (action) {
                case AE_6 -> pdu == null ? STA3 : STA13;
                case AR_8 -> requestor ? STA9 : STA10;
                default -> action.next();
            };
            timers(action, pdu);
            recordEnd(action, pdu, why);
            changed.signalAll();
            LOG.debug("{}: {} + {} -> {} -> {}{}", name, from.label(), event.label(), action.label(), state.label(),
                    why.isEmpty() ? "" : " (" + why + ")");
        } finally {
            lock.unlock();
        }
        perform(action, pdu);
        return action;
    }

    Action fire(Event event) {
        return fire(event, null, "");
    }

    /** Checks that a P-DATA-TF may be sent now (Evt9: DT-1 in Sta6, AR-7 in Sta8); the state does not change. */
    void checkCanSend() throws AssociationException {
        lock.lock();
        try {
            Action action = TransitionTable.lookup(state, Event.EVT9);
            if (action != Action.DT_1 && action != Action.AR_7) {
                throw ended("cannot send P-DATA in " + state.label());
            }
        } finally {
            lock.unlock();
        }
    }

    /** The exception for an operation that found the association gone. */
    AssociationException ended(String fallback) {
        AssociationEnd e = end();
        return e != null ? new AssociationAbortedException(e) : new AssociationException(name + ": " + fallback);
    }

    /** Waits until the state is {@code target}; false on timeout. */
    boolean await(State target, Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (state != target) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits without a limit until the state is {@code target}. */
    void awaitUninterruptibly(State target) {
        lock.lock();
        try {
            while (state != target) {
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    private void timers(Action action, Pdu pdu) {
        switch (action) {
            case AE_5, AE_8, AR_4, AA_8 -> startArtim();
            case AA_1 -> startArtim(); // "start (or restart if already started)"
            case AE_6 -> {
                stopArtim();
                if (pdu != null) {
                    startArtim();
                }
            }
            default -> {
                if (state == STA1) {
                    stopArtim();
                }
            }
        }
    }

    private void startArtim() {
        stopArtim();
        long generation = ++artimGeneration;
        artim = Countdown.start("dicom-artim", artimTimeout, () -> artimExpired(generation));
    }

    private void stopArtim() {
        if (artim != null) {
            artim.cancel();
            artim = null;
        }
    }

    private void artimExpired(long generation) {
        lock.lock();
        try {
            if (generation != artimGeneration || artim == null) {
                return; // stopped or restarted meanwhile
            }
        } finally {
            lock.unlock();
        }
        fire(Event.EVT18, null, "ARTIM expired");
    }

    private void recordEnd(Action action, Pdu pdu, String why) {
        if (end != null) {
            return;
        }
        end = switch (action) {
            case AR_3, AR_4 -> new AssociationEnd(AssociationEnd.Kind.RELEASED, null, why);
            case AA_1, AA_7, AA_8 -> new AssociationEnd(AssociationEnd.Kind.ABORTED_LOCALLY, (AAbort) pdu, why);
            case AA_3 -> new AssociationEnd(AssociationEnd.Kind.ABORTED_BY_PEER, (AAbort) pdu, why);
            case AA_4, AA_5 -> new AssociationEnd(AssociationEnd.Kind.CONNECTION_LOST, null, why);
            case AA_2 -> pdu instanceof AAbort received
                    ? new AssociationEnd(AssociationEnd.Kind.ABORTED_BY_PEER, received, why)
                    : new AssociationEnd(AssociationEnd.Kind.CONNECTION_LOST, null, why);
            default -> null;
        };
    }

    private void perform(Action action, Pdu pdu) {
        switch (action) {
            case AE_2, AE_7, AE_8 -> send(pdu);
            case AE_6 -> {
                if (pdu != null) {
                    send(pdu);
                }
            }
            case AR_1 -> send(new AReleaseRq());
            case AR_4, AR_9 -> send(new AReleaseRp());
            case AA_1, AA_7, AA_8 -> sendAbort((AAbort) pdu);
            case AE_4, AR_3, AR_5, AA_2, AA_3, AA_4, AA_5 -> transport.close();
            default -> { } // indications: the caller acts on the returned action
        }
    }

    private void send(Pdu pdu) {
        try {
            transport.send(pdu);
        } catch (IOException e) {
            LOG.debug("{}: sending {} failed: {}", name, pdu, e.toString());
            transport.close();
        }
    }

    private void sendAbort(AAbort abort) {
        try {
            if (!transport.trySend(abort, ABORT_SEND_PATIENCE)) {
                LOG.debug("{}: peer not reading, closing without A-ABORT", name);
                transport.close();
            }
        } catch (IOException e) {
            LOG.debug("{}: sending A-ABORT failed: {}", name, e.toString());
            transport.close();
        }
    }
}
