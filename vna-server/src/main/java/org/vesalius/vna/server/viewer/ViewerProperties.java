package org.vesalius.vna.server.viewer;

import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code vna.viewer.*}: the browser viewer the server serves under {@code /viewer/}.
 *
 * @param directory a built OHIF Viewer prepared for the base path {@code /viewer/}
 *                  ({@code ./vna viewer-install} writes one to {@code run/viewer/app}); none:
 *                  {@code /viewer/} answers 404. It may be installed after the server started:
 *                  files are looked up per request.
 * @param clientId  the OAuth client the viewer logs in as when the archive requires tokens
 *                  (authorization code + PKCE at {@code vna.security.issuer-uri}; a public client,
 *                  the embedded issuer's {@code ohif-viewer} in {@code ./vna start})
 */
@ConfigurationProperties("vna.viewer")
public record ViewerProperties(Path directory, @DefaultValue("ohif-viewer") String clientId) {

    public ViewerProperties {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("vna.viewer.client-id must not be blank");
        }
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
