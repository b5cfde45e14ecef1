package org.vesalius.vna.archive.render;

import org.vesalius.vna.archive.api.failure.UnsupportedException;

/** The instance or frame cannot be rendered (no pixel data, a compression without a decoder, an unknown colour space); with the reason. */
public final class NotRenderableException extends UnsupportedException {

    public NotRenderableException(String reason) {
        super(reason);
    }
}
