package org.vesalius.vna.archive.api.query;

import org.vesalius.vna.archive.api.failure.InvalidRequestException;

/**
 * A query the archive cannot run as asked: an unknown attribute or parameter, a malformed value
 * (a bad date range, wildcards where the VR allows none, a negative limit), or keys that the
 * information model does not allow. An {@link InvalidRequestException}: QIDO-RS answers 400, the
 * C-FIND SCP A900 (each edge's one failure mapper decides).
 *
 * <p>The message always names the offending parameter and says why, e.g.
 * {@code StudyDate: invalid range '2024-01-01': more than one '-'}.
 */
public class InvalidQueryException extends InvalidRequestException {

    private static final long serialVersionUID = 1L;

    /**
     * @param parameter the query parameter or attribute as the caller named it
     * @param reason    why it is refused
     */
    public InvalidQueryException(String parameter, String reason) {
        super(parameter, reason);
    }

    /** With the exception that revealed the problem. */
    public InvalidQueryException(String parameter, String reason, Throwable cause) {
        super(parameter, reason, cause);
    }
}
