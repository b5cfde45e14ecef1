package org.vesalius.vna.archive.index;

import org.vesalius.vna.archive.api.failure.ConflictException;

/** Another index build is marked as running: two at once would each switch to a partial index. */
public class IndexBuildConflictException extends ConflictException {

    private static final long serialVersionUID = 1L;

    /** With the name of the other build's index and what to do about it. */
    public IndexBuildConflictException(String message) {
        super(message);
    }
}
