package org.vesalius.dicom.net.ul;

import org.vesalius.dicom.net.ul.pdu.AAssociateRj;

/** The acceptor answered A-ASSOCIATE-RJ; {@link #reject()} holds its (result, source, reason) triple. */
public class AssociationRejectedException extends AssociationException {

    private static final long serialVersionUID = 1L;

    private final transient AAssociateRj reject;

    public AssociationRejectedException(AAssociateRj reject) {
        super("association rejected: " + reject);
        this.reject = reject;
    }

    /** The rejection as received. */
    public AAssociateRj reject() {
        return reject;
    }
}
