package org.vesalius.vna.server.process;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * Where the process tests find what the build made: the repackaged server jar, the build
 * directory for logs and scratch data, and the checkout's {@code vna} script. Maven's failsafe
 * configuration passes them as system properties; run from an IDE, the module directory is the
 * working directory and the defaults below apply.
 */
public final class Checkout {

    private Checkout() {
    }

    /** {@code vna-server/target}. */
    public static Path buildDirectory() {
        return Path.of(System.getProperty("vna.build.directory", "target")).toAbsolutePath().normalize();
    }

    /** The repository root, where the {@code vna} script is. */
    public static Path root() {
        return Path.of(System.getProperty("vna.checkout", "..")).toAbsolutePath().normalize();
    }

    /** The {@code vna} script. */
    public static Path vnaScript() {
        return root().resolve("vna");
    }

    /**
     * The repackaged server jar; skips the calling test when it is not built (run the ITs with
     * {@code mvn verify}, whose package phase makes it).
     */
    public static Path requireServerJar() {
        Path jar = serverJar();
        assumeTrue(jar != null, "the repackaged vna-server jar is not built (mvn verify builds it before the ITs)");
        return jar;
    }

    /** The repackaged server jar, or null when it is not built. */
    public static Path serverJar() {
        String configured = System.getProperty("vna.server.jar");
        if (configured != null && Files.isRegularFile(Path.of(configured))) {
            return Path.of(configured).toAbsolutePath();
        }
        try (Stream<Path> files = Files.list(buildDirectory())) {
            return files.filter(p -> p.getFileName().toString().matches("vna-server-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().matches(".*-(sources|javadoc|tests|plain)\\.jar"))
                    .findFirst().map(Path::toAbsolutePath).orElse(null);
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new directory for one test's data under the build directory ({@code process-tests/}),
     * readable by others: Elasticsearch, started there, runs as another user.
     */
    public static Path newScratchDirectory(String name) {
        try {
            Path parent = Files.createDirectories(buildDirectory().resolve("process-tests"));
            return Files.createTempDirectory(parent, name + "-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
