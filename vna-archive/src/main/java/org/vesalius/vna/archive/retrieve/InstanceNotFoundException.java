package org.vesalius.vna.archive.retrieve;

/** The archive holds no such study, series or instance (WADO 404). */
public final class InstanceNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InstanceNotFoundException(String message) {
        super(message);
    }
}
