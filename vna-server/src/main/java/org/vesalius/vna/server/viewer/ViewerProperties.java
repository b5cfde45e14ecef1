package org.vesalius.vna.server.viewer;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code vna.viewer.*}: the browser viewer the server serves under {@code /viewer/}.
 *
 * @param directory a built OHIF Viewer prepared for the base path {@code /viewer/}
 *                  ({@code ./vna viewer-install} writes one to {@code run/viewer/app}); none:
 *                  {@code /viewer/} answers 404. It may be installed after the server started:
 *                  files are looked up per request.
 */
@ConfigurationProperties("vna.viewer")
public record ViewerProperties(Path directory) {

    public ViewerProperties {
        if (directory != null) {
            directory = directory.toAbsolutePath().normalize();
            if (Files.isRegularFile(directory)) {
                throw new IllegalArgumentException("vna.viewer.directory must be a directory, not a file: " + directory);
            }
        }
    }

    /** Whether a viewer is configured (it may not be installed there yet). */
    public boolean configured() {
        return directory != null;
    }

    /** Whether the configured directory holds a viewer now. */
    public boolean installed() {
        return directory != null && Files.isRegularFile(directory.resolve("index.html"));
    }
}
