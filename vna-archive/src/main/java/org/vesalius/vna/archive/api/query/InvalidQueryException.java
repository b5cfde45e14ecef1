package org.vesalius.vna.archive.api.query;

import java.util.Objects;

/**
 * A query the archive cannot run as asked: an unknown attribute or parameter, a malformed value
 * (a bad date range, wildcards where the VR allows none, a negative limit), or keys that the
 * information model does not allow. QIDO-RS answers 400 with the message; the C-FIND SCP answers
 * with a failure status (0xA900 identifier does not match, 0xC000 unable to process).
 *
 * <p>The message always names the offending parameter and says why, e.g.
 * {@code StudyDate: invalid range '2024-01-01': more than one '-'}.
 */
public class InvalidQueryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String reason;

    /**
     * @param parameter the query parameter or attribute as the caller named it
     * @param reason    why it is refused
     */
    public InvalidQueryException(String parameter, String reason) {
        this(parameter, reason, null);
    }

    /** With the exception that revealed the problem. */
    public InvalidQueryException(String parameter, String reason, Throwable cause) {
        super(Objects.requireNonNull(parameter, "parameter") + ": " + Objects.requireNonNull(reason, "reason"), cause);
        this.parameter = parameter;
        this.reason = reason;
    }

    /** The parameter or attribute at fault, as the caller named it. */
    public String parameter() {
        return parameter;
    }

    /** Why it is refused. */
    public String reason() {
        return reason;
    }
}
