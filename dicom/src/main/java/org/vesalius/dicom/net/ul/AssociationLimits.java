package org.vesalius.dicom.net.ul;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts an acceptor's connections against its limits: connections not yet associated
 * (TLS handshake, waiting for the A-ASSOCIATE-RQ, rejected and waiting for the close), and
 * established associations in total and per calling AE title. Each connection holds one
 * {@link Slot} whose {@link Slot#close()} frees whatever it counts, once, whichever path ends it.
 */
final class AssociationLimits {

    private final int maxTotal;
    private final int maxPerCallingAe;
    private final int maxPending;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> perCallingAe = new HashMap<>();
    private int total;
    private int pending;

    /** Limits of 0 mean no limit. */
    AssociationLimits(int maxTotal, int maxPerCallingAe, int maxPending) {
        this.maxTotal = maxTotal;
        this.maxPerCallingAe = maxPerCallingAe;
        this.maxPending = maxPending;
    }

    /** A slot for a new connection, counted as pending; null when {@code maxPending} are pending already. */
    Slot tryConnect() {
        lock.lock();
        try {
            if (maxPending > 0 && pending >= maxPending) {
                return null;
            }
            pending++;
            return new Slot();
        } finally {
            lock.unlock();
        }
    }

    /** Established associations right now. */
    int total() {
        lock.lock();
        try {
            return total;
        } finally {
            lock.unlock();
        }
    }

    /** Connections not (or no longer) associated right now. */
    int pending() {
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    /** The association limit in effect (0 = none). */
    int maxTotal() {
        return maxTotal;
    }

    /** What one connection counts for: pending, then possibly associated, then nothing. */
    final class Slot implements AutoCloseable {
        private boolean isPending = true;
        private String callingAe;
        private boolean closed;

        private Slot() {
        }

        /**
         * Counts this connection as an association of {@code callingAe} instead of a pending
         * connection; false, and still pending, when a limit is reached.
         */
        boolean tryAssociate(String callingAe) {
            lock.lock();
            try {
                if (closed || !isPending) {
                    throw new IllegalStateException("slot is not pending");
                }
                int mine = perCallingAe.getOrDefault(callingAe, 0);
                if ((maxTotal > 0 && total >= maxTotal) || (maxPerCallingAe > 0 && mine >= maxPerCallingAe)) {
                    return false;
                }
                total++;
                perCallingAe.put(callingAe, mine + 1);
                pending--;
                isPending = false;
                this.callingAe = callingAe;
                return true;
            } finally {
                lock.unlock();
            }
        }

        /** Frees what this slot counts; later calls do nothing. */
        @Override
        public void close() {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                if (isPending) {
                    pending--;
                } else {
                    total--;
                    perCallingAe.computeIfPresent(callingAe, (k, n) -> n > 1 ? n - 1 : null);
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
