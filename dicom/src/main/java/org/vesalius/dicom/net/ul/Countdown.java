package org.vesalius.dicom.net.ul;

import java.time.Duration;

/**
 * A one-shot timer on a virtual thread: runs an action after a delay unless cancelled first.
 * Virtual threads make one sleeping thread per timer cheap and keep timers free of shared state.
 */
final class Countdown {

    private final Thread thread;
    private volatile boolean cancelled;

    private Countdown(String name, Duration delay, Runnable onExpiry) {
        this.thread = Thread.ofVirtual().name(name).unstarted(() -> {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                return;
            }
            if (!cancelled) {
                onExpiry.run();
            }
        });
    }

    static Countdown start(String name, Duration delay, Runnable onExpiry) {
        Countdown c = new Countdown(name, delay, onExpiry);
        c.thread.start();
        return c;
    }

    void cancel() {
        cancelled = true;
        thread.interrupt();
    }
}
