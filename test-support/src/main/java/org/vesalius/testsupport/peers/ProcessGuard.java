package org.vesalius.testsupport.peers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops a child process (a peer such as Orthanc or dcmtk's storescp) when the test JVM goes away
 * without closing it, including by SIGKILL or a crash, when no shutdown hook runs.
 *
 * <p>A small {@code sh} watchdog reads a pipe whose only writer is this JVM. The kernel closes the
 * pipe when the JVM ends, however it ends. The watchdog then sends SIGTERM to the child, SIGKILL
 * if it is still there after the grace period, and deletes the child's scratch folder. The
 * watchdog ignores SIGINT, SIGTERM and SIGHUP so that it outlives a Ctrl-C aimed at the process
 * group. {@link #close()} disarms it: the watchdog is killed before the caller stops the child
 * itself, so it cannot signal a recycled pid later.
 */
public final class ProcessGuard implements AutoCloseable {

    private static final String SCRIPT = """
            trap '' INT TERM HUP
            cat >/dev/null
            kill -TERM "$1" 2>/dev/null || { [ -z "$3" ] || rm -rf "$3"; exit 0; }
            i=0
            while [ "$i" -lt "$2" ] && kill -0 "$1" 2>/dev/null; do sleep 0.2; i=$((i + 1)); done
            kill -KILL "$1" 2>/dev/null
            [ -z "$3" ] || { sleep 0.5; rm -rf "$3"; }
            """;

    private final Process watchdog;

    private ProcessGuard(Process watchdog) {
        this.watchdog = watchdog;
    }

    /**
     * Watches {@code child}: it gets SIGTERM when this JVM ends, and SIGKILL {@code graceSeconds}
     * later. When {@code scratch} is not null, that folder is deleted afterwards.
     */
    public static ProcessGuard watch(Process child, int graceSeconds, Path scratch) throws IOException {
        return watch(child.pid(), graceSeconds, scratch);
    }

    /**
     * Watches the process {@code pid}, which need not be a child of this JVM (a server that
     * daemonizes itself, such as Elasticsearch started with {@code -d}), as
     * {@link #watch(Process, int, Path)} does.
     */
    public static ProcessGuard watch(long pid, int graceSeconds, Path scratch) throws IOException {
        List<String> command = new ArrayList<>(List.of("sh", "-c", SCRIPT, "vna-process-guard",
                Long.toString(pid), Integer.toString(Math.max(1, graceSeconds * 5)),
                scratch == null ? "" : scratch.toAbsolutePath().toString()));
        Process watchdog = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new ProcessGuard(watchdog);
    }

    /** Disarms the guard: kills the watchdog and its {@code cat}, leaving the child alone. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(watchdog.descendants().toList());
        watchdog.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        try {
            watchdog.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            watchdog.getOutputStream().close();   // end of input for a cat that outlived sh
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
