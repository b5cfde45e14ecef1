package org.vesalius.vna.archive.index;

/** Another index build is marked as running: two at once would each switch to a partial index. */
public class IndexBuildConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With the name of the other build's index and what to do about it. */
    public IndexBuildConflictException(String message) {
        super(message);
    }
}
