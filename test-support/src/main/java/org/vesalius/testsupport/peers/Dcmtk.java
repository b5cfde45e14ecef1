package org.vesalius.testsupport.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vesalius.testsupport.Prerequisites;

/** Runs dcmtk's command-line tools, the reference implementation our output is compared with. */
public final class Dcmtk {

    /** What a tool printed and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** True when the tool succeeded and reported no error line. */
        public boolean ok() {
            return exitCode == 0 && !stderr.lines().anyMatch(l -> l.startsWith("E:") || l.startsWith("F:"));
        }
    }

    private Dcmtk() {
    }

    /** True when each of dcmtk's {@code tools} is on the PATH. */
    public static boolean available(String... tools) {
        for (String tool : tools) {
            if (!Prerequisites.onPath(tool)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Skips the calling test when one of {@code tools} is missing, or fails it under CI
     * ({@link Prerequisites}; the project's test script installs dcmtk).
     */
    public static void require(String... tools) {
        for (String tool : tools) {
            Prerequisites.require("dcmtk " + tool, Prerequisites.onPath(tool), "Debian package dcmtk");
        }
    }

    /**
     * Runs a tool to completion (at most a minute) and captures its output as ISO 8859-1.
     * {@code TCP_NODELAY=1} is set: Debian's dcmtk 3.6.7 otherwise leaves Nagle's algorithm on
     * (a 40 ms stall per C-STORE).
     */
    public static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("dcmtk-out", ".txt");
        Path err = Files.createTempFile("dcmtk-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putIfAbsent("TCP_NODELAY", "1");
            Process p = builder.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " did not finish within a minute");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.ISO_8859_1),
                    Files.readString(err, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
