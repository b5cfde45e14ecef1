package org.vesalius.dicom.testdata;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    /** True when dcmtk's {@code tool} is on the PATH. */
    public static boolean available(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Skips the calling test when {@code tool} is missing (the project's test script installs dcmtk). */
    public static void require(String tool) {
        assumeTrue(available(tool), tool + " (dcmtk) is not installed");
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
