package org.vesalius.testsupport.peers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A long-running dcmtk peer such as {@code storescp}: started on a free port, awaited until it
 * listens, and always stopped ({@link #close()}), so that no test leaves a process behind.
 */
public final class DcmtkProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private DcmtkProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the command built for a free port and waits until that port accepts connections.
     * Retries with another port when the first was taken meanwhile.
     */
    public static DcmtkProcess start(IntFunction<List<String>> commandForPort) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path log = Files.createTempFile("dcmtk-peer", ".log");
            ProcessBuilder builder = new ProcessBuilder(commandForPort.apply(port)).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putIfAbsent("TCP_NODELAY", "1"); // Debian's dcmtk 3.6.7 leaves Nagle on otherwise
            Process p = builder.start();
            DcmtkProcess peer = new DcmtkProcess(p, port, log);
            if (peer.awaitListening()) {
                return peer;
            }
            last = new IOException(commandForPort.apply(port) + " did not listen: " + peer.output());
            peer.close();
        }
        throw last;
    }

    /** The port the tool listens on. */
    public int port() {
        return port;
    }

    /** What the tool printed so far. */
    public String output() throws IOException {
        return Files.readString(log);
    }

    /** Stops the process (forcibly if it does not exit promptly) and deletes its log. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }

    private boolean awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20); // hang guard
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    /** A port that was free a moment ago (bound to 0, read, closed). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Convenience for building argument lists. */
    public static List<String> args(String... parts) {
        return new ArrayList<>(List.of(parts));
    }
}
