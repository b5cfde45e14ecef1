package org.vesalius.dicom.net.ul;

/**
 * A timer expired: no answer to A-ASSOCIATE-RQ in time (ACSE timeout), the connection could not
 * be made in time, or (DIMSE layer) a response did not come in time, after which the association
 * has been aborted.
 */
public class AssociationTimeoutException extends AssociationException {

    private static final long serialVersionUID = 1L;

    public AssociationTimeoutException(String message) {
        super(message);
    }
}
