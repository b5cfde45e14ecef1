package org.vesalius.dicom.net.service;

import java.io.IOException;

/**
 * The association has no accepted presentation context for what is to be sent (a SOP Class, or a
 * SOP Class in a given transfer syntax). Nothing was sent; the association is still usable.
 */
public class NoPresentationContextException extends IOException {

    private static final long serialVersionUID = 1L;

    public NoPresentationContextException(String message) {
        super(message);
    }
}
