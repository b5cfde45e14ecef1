package org.vesalius.dicom.net.service;

import java.util.Objects;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.dimse.CommandSet.Priority;
import org.vesalius.dicom.net.ul.PresentationContext;

/**
 * A C-STORE request as a {@link CStoreHandler} sees it: everything but the data set, which
 * arrives as a stream beside it.
 *
 * @param association             who sent it
 * @param presentationContext     the context it came on; its transfer syntax is the data set's encoding
 * @param messageId               the request's Message ID
 * @param sopClassUid             Affected SOP Class UID
 * @param sopInstanceUid          Affected SOP Instance UID
 * @param priority                the requested priority
 * @param moveOriginatorAeTitle   for a C-MOVE sub-operation, the AE that asked for the move; else null
 * @param moveOriginatorMessageId for a C-MOVE sub-operation, that C-MOVE's Message ID; else -1
 */
public record StoreRequest(AssociationInfo association, PresentationContext presentationContext, int messageId,
        String sopClassUid, String sopInstanceUid, Priority priority, String moveOriginatorAeTitle,
        int moveOriginatorMessageId) {

    public StoreRequest {
        Objects.requireNonNull(association, "association");
        Objects.requireNonNull(presentationContext, "presentationContext");
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(priority, "priority");
    }

    /** The Transfer Syntax UID of the data set: the one negotiated for the presentation context. */
    public String transferSyntaxUid() {
        return presentationContext.transferSyntax();
    }

    /** The encoding of the data set, for parsing it. */
    public TransferSyntax transferSyntax() {
        return TransferSyntax.of(presentationContext.transferSyntax());
    }
}
