package org.vesalius.vna.archive.dicomweb;

import java.io.IOException;

/** A multipart body that breaks RFC 2046: no delimiter with the declared boundary, a part that never ends, oversized headers. */
final class MultipartException extends IOException {

    private static final long serialVersionUID = 1L;

    public MultipartException(String message) {
        super(message);
    }
}
