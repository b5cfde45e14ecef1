package org.vesalius.dicom.net.ul.pdu;

import java.util.List;
import java.util.Objects;

/**
 * A proposed presentation context (PS3.8 9.3.2.2): an abstract syntax and the transfer syntaxes
 * the requestor can use for it, in its order of preference.
 *
 * @param id               odd number 1..255, unique within the request
 * @param abstractSyntax   the SOP Class (or Meta SOP Class) UID
 * @param transferSyntaxes transfer syntax UIDs, at least one
 */
public record PresentationContextRequest(int id, String abstractSyntax, List<String> transferSyntaxes) {

    public PresentationContextRequest {
        Objects.requireNonNull(abstractSyntax, "abstractSyntax");
        transferSyntaxes = List.copyOf(transferSyntaxes);
    }
}
