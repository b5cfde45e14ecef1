package org.vesalius.vna.server.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.vesalius.vna.server.process.ServerProcess;

/** Debian's {@code mllp_send} (python3-hl7) as the RIS of the HL7 tests (an independent MLLP client), and their server. */
final class MllpSend {

    private static final AtomicInteger SENT = new AtomicInteger();

    private MllpSend() {
    }

    /**
     * A server process with the HL7 listener on {@code hl7Port}, its message log under
     * {@code scratch/server/hl7}, its data under {@code scratch/server}: the builder, to add to.
     */
    static ServerProcess.Builder server(String name, Path scratch, String elasticsearch, int hl7Port) throws IOException {
        return ServerProcess.builder(name).dataDirectory(scratch.resolve("server")).elasticsearch(elasticsearch)
                .property("vna.hl7.enabled", "true").property("vna.hl7.port", String.valueOf(hl7Port))
                .property("vna.hl7.log-directory", scratch.resolve("server/hl7").toString());
    }

    /**
     * Sends one message (its segments) to {@code port} on this machine, written to a file in
     * {@code scratch} first, and returns the answer {@code mllp_send} printed, its segments separated
     * by CR again.
     */
    static String message(int port, Path scratch, String... segments) throws IOException, InterruptedException {
        Path file = scratch.resolve("message-" + SENT.incrementAndGet() + ".hl7");
        Files.writeString(file, String.join("\n", segments) + "\n", StandardCharsets.UTF_8);
        return file(port, file);
    }

    /** Sends the messages of {@code file} and returns the answers. */
    static String file(int port, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mllp_send", "--loose", "-p", String.valueOf(port), "-f", file.toString(), "127.0.0.1")
                .redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8).replace('\n', '\r');
    }
}
