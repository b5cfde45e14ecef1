package org.vesalius.dicom.net.ul.pdu;

/**
 * Asynchronous Operations Window sub-item (PS3.7 D.3.3.3): how many operations may be
 * outstanding at once. 0 means unlimited; 1/1 (the default when absent) means synchronous.
 *
 * @param maxOperationsInvoked   operations the requestor may invoke without waiting for responses
 * @param maxOperationsPerformed operations the requestor can perform on the acceptor's behalf
 */
public record AsyncOpsWindow(int maxOperationsInvoked, int maxOperationsPerformed) {

    /** 1/1: one operation at a time, what applies when the item is absent. */
    public static final AsyncOpsWindow SYNCHRONOUS = new AsyncOpsWindow(1, 1);

    public AsyncOpsWindow {
        if (maxOperationsInvoked < 0 || maxOperationsInvoked > 0xFFFF || maxOperationsPerformed < 0
                || maxOperationsPerformed > 0xFFFF) {
            throw new IllegalArgumentException("window values must be 0..65535");
        }
    }
}
