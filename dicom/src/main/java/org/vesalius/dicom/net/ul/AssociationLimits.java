package org.vesalius.dicom.net.ul;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** Counts an acceptor's associations, in total and per calling AE title, against its limits. */
final class AssociationLimits {

    private final int maxTotal;
    private final int maxPerCallingAe;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> perCallingAe = new HashMap<>();
    private int total;

    /** Limits of 0 mean no limit. */
    AssociationLimits(int maxTotal, int maxPerCallingAe) {
        this.maxTotal = maxTotal;
        this.maxPerCallingAe = maxPerCallingAe;
    }

    /** Takes a slot for {@code callingAe}; false when a limit is reached. */
    boolean tryAcquire(String callingAe) {
        lock.lock();
        try {
            int mine = perCallingAe.getOrDefault(callingAe, 0);
            if ((maxTotal > 0 && total >= maxTotal) || (maxPerCallingAe > 0 && mine >= maxPerCallingAe)) {
                return false;
            }
            total++;
            perCallingAe.put(callingAe, mine + 1);
            return true;
        } finally {
            lock.unlock();
        }
    }

    void release(String callingAe) {
        lock.lock();
        try {
            total--;
            perCallingAe.computeIfPresent(callingAe, (k, n) -> n > 1 ? n - 1 : null);
        } finally {
            lock.unlock();
        }
    }

    int total() {
        lock.lock();
        try {
            return total;
        } finally {
            lock.unlock();
        }
    }
}
