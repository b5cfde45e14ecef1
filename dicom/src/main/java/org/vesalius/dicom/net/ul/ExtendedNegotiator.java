package org.vesalius.dicom.net.ul;

/**
 * Answers SOP Class Extended Negotiation (PS3.7 D.3.3.5), for example the query options of
 * PS3.4 C.3.1; the service layer knows what the bytes mean.
 */
@FunctionalInterface
public interface ExtendedNegotiator {

    /**
     * @return the Service-class-application-information to answer with, or null to leave the item
     *         out (the requestor then assumes no extended behaviour)
     */
    byte[] answer(String sopClassUid, byte[] proposed);

    /** Answers nothing: no extended negotiation is supported. */
    static ExtendedNegotiator none() {
        return (sopClass, proposed) -> null;
    }
}
