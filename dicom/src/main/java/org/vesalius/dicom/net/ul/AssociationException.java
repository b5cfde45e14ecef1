package org.vesalius.dicom.net.ul;

import java.io.IOException;

/** An association could not be established, or ended before an operation on it completed. */
public class AssociationException extends IOException {

    private static final long serialVersionUID = 1L;

    public AssociationException(String message) {
        super(message);
    }

    public AssociationException(String message, Throwable cause) {
        super(message, cause);
    }
}
