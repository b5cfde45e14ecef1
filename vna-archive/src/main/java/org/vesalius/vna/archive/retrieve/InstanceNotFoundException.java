package org.vesalius.vna.archive.retrieve;

import org.vesalius.vna.archive.api.failure.NotFoundException;

/** The archive holds no such study, series or instance (WADO 404). */
public final class InstanceNotFoundException extends NotFoundException {

    private static final long serialVersionUID = 1L;

    public InstanceNotFoundException(String message) {
        super(message);
    }
}
