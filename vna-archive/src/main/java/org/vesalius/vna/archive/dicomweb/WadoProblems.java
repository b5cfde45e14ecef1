package org.vesalius.vna.archive.dicomweb;

import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.failure.NotFoundException;
import org.vesalius.vna.archive.api.failure.UnavailableException;
import org.vesalius.vna.archive.api.failure.UnsupportedException;
import org.vesalius.vna.archive.api.InstanceRef;

/**
 * The failures WADO and QIDO answer with, as {@link WadoResponse.Problem}s; their HTTP status is
 * decided once, by {@link org.vesalius.vna.archive.api.failure.HttpFailure} (PS3.18 8.7.4 / 10.4.3).
 */
final class WadoProblems {

    private static final Logger LOG = LoggerFactory.getLogger(WadoProblems.class);

    private WadoProblems() {
    }

    /** 400: {@code parameter} cannot be used as given. */
    static WadoResponse.Problem badRequest(String parameter, String reason) {
        return new WadoResponse.Problem(new InvalidRequestException(parameter, reason));
    }

    static WadoResponse.Problem notFound(String detail) {
        return new WadoResponse.Problem(new NotFoundException(detail));
    }

    /** 406: no representation the client accepts. */
    static WadoResponse.Problem notAcceptable(String detail) {
        return new WadoResponse.Problem(new UnsupportedException("Accept", detail, null));
    }

    /** A problem for a failure before anything was written; rethrows what is a bug. */
    static WadoResponse.Problem of(RuntimeException e) {
        return switch (e) {
            case ArchiveException a -> new WadoResponse.Problem(a);
            case UncheckedIOException io -> {
                // A stored object that cannot be read: the archive's failure, not the client's.
                LOG.error("stored object unreadable: {}", io.getMessage());
                yield new WadoResponse.Problem(new UnavailableException("a stored object cannot be read now (the reason is in the"
                        + " server log)", io));
            }
            default -> throw e;
        };
    }

    /** A 400 naming the first of {@code uids} that is not a UID, or null when all are (nulls are skipped). */
    static WadoResponse.Problem invalidUid(String... uids) {
        String[] names = {"study", "series", "instance"};
        for (int i = 0; i < uids.length; i++) {
            if (uids[i] != null && !InstanceRef.isValidUid(uids[i])) {
                return badRequest(i < names.length ? names[i] : "uid", "\"" + uids[i] + "\" is not a UID");
            }
        }
        return null;
    }
}
