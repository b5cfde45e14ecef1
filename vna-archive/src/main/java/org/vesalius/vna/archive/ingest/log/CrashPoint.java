package org.vesalius.vna.archive.ingest.log;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only: stops the JVM dead ({@link Runtime#halt}, as SIGKILL would) the {@code n}-th time a
 * named point of the ingest path is reached, when the system property {@value #PROPERTY} is
 * {@code name:n} (for example {@code before-log:3}). Without the property this is one string
 * comparison. The crash tests use it to kill the server exactly between two durable writes.
 */
public final class CrashPoint {

    /** The system property naming the point and the count. */
    public static final String PROPERTY = "vna.test.halt-at";
    /** The blob is durable, its log record is not written yet. */
    public static final String BEFORE_LOG = "before-log";
    /** The log record is durable (and the sender answered), the index not written yet. */
    public static final String BEFORE_INDEX = "before-index";

    private static final String NAME;
    private static final int COUNT;
    private static final AtomicInteger REACHED = new AtomicInteger();

    static {
        String value = System.getProperty(PROPERTY, "");
        int colon = value.indexOf(':');
        NAME = colon < 0 ? value : value.substring(0, colon);
        int count = 1;
        try {
            count = colon < 0 ? 1 : Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            count = 1;
        }
        COUNT = count;
    }

    private CrashPoint() {
    }

    /** Marks {@code name} reached {@code times} more times; halts when it is the configured point and count. */
    public static void reached(String name, int times) {
        if (NAME.isEmpty() || !NAME.equals(name)) {
            return;
        }
        if (REACHED.addAndGet(times) >= COUNT) {
            System.err.println("CrashPoint: halting at " + name + " (" + PROPERTY + ")");
            System.err.flush();
            Runtime.getRuntime().halt(137);
        }
    }
}
