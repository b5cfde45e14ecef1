package org.vesalius.dicom.net.ul;

/** A timer expired: no answer to A-ASSOCIATE-RQ in time (ACSE timeout), or the connection could not be made in time. */
public class AssociationTimeoutException extends AssociationException {

    private static final long serialVersionUID = 1L;

    public AssociationTimeoutException(String message) {
        super(message);
    }
}
