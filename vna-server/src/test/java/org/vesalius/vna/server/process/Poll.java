package org.vesalius.vna.server.process;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/** Asks again until an answer is the one awaited; the limit is a hang guard, not an assertion on time. */
public final class Poll {

    private Poll() {
    }

    /** Calls {@code probe} every half second until {@code done} accepts its answer; returns that answer. */
    public static <T> T until(String what, Duration guard, Callable<T> probe, Predicate<T> done) throws Exception {
        long deadline = System.nanoTime() + guard.toNanos();
        T last = probe.call();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting for " + what + " after " + guard + "; last answer: " + last);
            }
            Thread.sleep(500);
            last = probe.call();
        }
        return last;
    }
}
