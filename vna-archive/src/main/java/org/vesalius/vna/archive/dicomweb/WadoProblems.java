package org.vesalius.vna.archive.dicomweb;

import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.retrieve.FrameOutOfRangeException;
import org.vesalius.vna.archive.retrieve.InstanceNotFoundException;
import org.vesalius.vna.archive.storage.InstanceKeys;
import org.vesalius.vna.archive.storage.StorageUnavailableException;

/** The problems WADO answers with, decided in one place (PS3.18 8.7.4 / 10.4.3 status codes). */
final class WadoProblems {

    private static final Logger LOG = LoggerFactory.getLogger(WadoProblems.class);
    static final int RETRY_AFTER_SECONDS = 10;

    private WadoProblems() {
    }

    static WadoResponse.Problem badRequest(String detail) {
        return new WadoResponse.Problem(400, "Bad Request", detail, List.of());
    }

    static WadoResponse.Problem notFound(String detail) {
        return new WadoResponse.Problem(404, "Not Found", detail, List.of());
    }

    static WadoResponse.Problem notAcceptable(String detail) {
        return new WadoResponse.Problem(406, "Not Acceptable", detail, List.of());
    }

    /** A problem for a failure before anything was written; rethrows what is a bug. */
    static WadoResponse.Problem of(RuntimeException e) {
        return switch (e) {
            case InstanceNotFoundException n -> notFound(n.getMessage());
            case FrameOutOfRangeException f -> badRequest(f.getMessage());
            case org.vesalius.vna.archive.render.NotRenderableException n -> notAcceptable(n.getMessage());
            case StorageUnavailableException s -> new WadoResponse.Problem(503, "Service Unavailable",
                    "the blob store is not available: " + s.getMessage(),
                    List.of(new WadoResponse.Header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))));
            case UncheckedIOException io -> {
                LOG.error("stored object unreadable: {}", io.getMessage());
                yield new WadoResponse.Problem(500, "Internal Server Error", io.getMessage(), List.of());
            }
            default -> throw e;
        };
    }

    /** A 400 naming the first of {@code uids} that is not a UID, or null when all are (nulls are skipped). */
    static WadoResponse.Problem invalidUid(String... uids) {
        for (String uid : uids) {
            if (uid != null && !InstanceKeys.isValidUid(uid)) {
                return badRequest("\"" + uid + "\" is not a UID");
            }
        }
        return null;
    }
}
