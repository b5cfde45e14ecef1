package org.vesalius.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one place that decides what a test does when something it needs from outside the build is
 * missing: a reference tool (dcmtk, Orthanc, Chromium, Node.js), the shared reference data
 * ({@code ../shared}), or a peer the test script provides (a test Elasticsearch).
 *
 * <p>On a developer's machine the test is skipped (aborted, in JUnit's terms) with the reason, so
 * that a partial setup still runs what it can. Under continuous integration ({@code CI=true} in the
 * environment, as CI services set it, or {@code -Dvna.ci=true}) the test fails instead: there a
 * missing tool means the run proves less than it claims, and a skip would hide that.
 *
 * <p>Only prerequisites go through here. A skip that depends on the data (a sample that dcmtk
 * itself cannot read, a file without Pixel Data) stays a plain {@code assumeTrue}.
 */
public final class Prerequisites {

    private Prerequisites() {
    }

    /**
     * Continues when {@code present}; otherwise skips the calling test, or fails it under CI.
     *
     * @param what what is missing, as a reader knows it ({@code "dcmtk storescp"}, {@code "../shared"})
     * @param hint how to provide it ({@code "Debian package dcmtk"}, {@code "set -Dvna.shared"})
     */
    public static void require(String what, boolean present, String hint) {
        if (present) {
            return;
        }
        String message = what + " is not available (" + hint + ")";
        if (ci()) {
            Assertions.fail(message + "; CI=true, so this is a failure, not a skip");
        }
        Assumptions.abort(message);
    }

    /** As {@link #require(String, boolean, String)}, checking lazily. */
    public static void require(String what, BooleanSupplier present, String hint) {
        require(what, present.getAsBoolean(), hint);
    }

    /** Requires the executable {@code command} on the PATH. */
    public static void requireCommand(String command, String hint) {
        require(command, onPath(command), hint);
    }

    /** Requires an executable file at {@code path}. */
    public static void requireExecutable(Path path, String hint) {
        require(path.toString(), path != null && Files.isExecutable(path), hint);
    }

    /** True when {@code command} is an executable in one of the PATH's folders. */
    public static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** True under continuous integration: {@code CI=true} or {@code -Dvna.ci=true}. */
    public static boolean ci() {
        return isTrue(System.getenv("CI")) || isTrue(System.getProperty("vna.ci"));
    }

    private static boolean isTrue(String value) {
        return value != null && (value.toLowerCase(Locale.ROOT).equals("true") || value.equals("1"));
    }
}
