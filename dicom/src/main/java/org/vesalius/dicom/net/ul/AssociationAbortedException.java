package org.vesalius.dicom.net.ul;

/**
 * The association ended (aborted by either side, connection lost, or released) while an
 * operation was under way, for example in the middle of a data set: what was received is
 * incomplete and must not be used.
 */
public class AssociationAbortedException extends AssociationException {

    private static final long serialVersionUID = 1L;

    private final transient AssociationEnd end;

    public AssociationAbortedException(AssociationEnd end) {
        super("association ended: " + end);
        this.end = end;
    }

    /** How the association ended. */
    public AssociationEnd end() {
        return end;
    }
}
