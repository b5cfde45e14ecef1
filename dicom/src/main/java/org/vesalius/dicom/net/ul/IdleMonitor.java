package org.vesalius.dicom.net.ul;

import java.time.Duration;

/**
 * Watches an association for the idle timeout: no PDU in either direction for that long while
 * established and while the handler is not busy. It then releases or aborts per
 * {@link AssociationOptions#idleAction()}; a half-received data set always means abort.
 */
final class IdleMonitor {

    private IdleMonitor() {
    }

    /** Starts watching on a virtual thread, or returns null when the idle timeout is disabled. */
    static Thread start(Association association, MessageReceiver receiver) {
        Duration timeout = association.options().idleTimeout();
        if (timeout.isZero() || timeout.isNegative()) {
            return null;
        }
        return Thread.ofVirtual().name("dicom-idle").start(() -> watch(association, receiver, timeout.toNanos()));
    }

    private static void watch(Association association, MessageReceiver receiver, long idleNanos) {
        UpperLayer ul = association.upperLayer();
        try {
            while (true) {
                long left = idleNanos - (System.nanoTime() - ul.transport().lastActivityNanos());
                if (left > 0) {
                    Thread.sleep(Duration.ofNanos(left));
                    continue;
                }
                State state = ul.state();
                if (state != State.STA6) {
                    if (state == State.STA1) {
                        return;
                    }
                    Thread.sleep(Duration.ofNanos(idleNanos)); // releasing or closing: their own timers apply
                    continue;
                }
                if (receiver.isMidMessage()) {
                    association.abort("idle timeout in the middle of a data set");
                    return;
                }
                if (receiver.isDispatching()) {
                    Thread.sleep(Duration.ofNanos(idleNanos)); // our handler is working, not idle
                    continue;
                }
                if (association.options().idleAction() == IdleAction.ABORT) {
                    association.abort("idle timeout");
                } else {
                    association.releaseAfterIdle();
                }
                return;
            }
        } catch (InterruptedException e) {
            // the association ended
        }
    }
}
