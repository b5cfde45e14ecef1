package org.vesalius.vna.server.dimse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs dcmtk's command line tools: one-shot SCUs, and SCPs in the background until closed. Each
 * runs with {@code TCP_NODELAY=1}: Debian's dcmtk 3.6.7 leaves Nagle's algorithm on otherwise, and
 * every C-STORE response then waits some 40 ms for our delayed acknowledgement.
 */
final class Dcmtk {

    /** What a tool printed (stdout and stderr together) and its exit status. */
    record Result(String output, int exitCode) {
    }

    /** A background SCP (storescp): stopped on close. */
    record Scp(Process process, int port, Path log) implements AutoCloseable {
        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private Dcmtk() {
    }

    /** True when every tool runs ({@code --version}). */
    static boolean available(String... tools) {
        for (String tool : tools) {
            try {
                Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor() != 0) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Runs a tool to its end. */
    static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = process(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(out, p.waitFor());
    }

    /** Runs a tool, and hands it the arguments after {@code command}; the peer is 127.0.0.1:{@code port}. */
    static Result run(int port, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.add("127.0.0.1");
        cmd.add(Integer.toString(port));
        return run(cmd);
    }

    /** Starts an SCP listening on {@code port} (the last argument) and waits until it accepts connections. */
    static Scp start(Path log, int port, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.add(Integer.toString(port));
        Process p = process(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Scp scp = new Scp(p, port, log);
        while (p.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return scp;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException(cmd + " exited with " + p.exitValue() + "; see " + log);
    }

    private static ProcessBuilder process(List<String> command) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("TCP_NODELAY", "1");
        return pb;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
