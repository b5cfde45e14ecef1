package org.vesalius.dicom.net.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.UidEntry;
import org.vesalius.dicom.data.UidRegistry;
import org.vesalius.dicom.net.ul.ApplicationEntity;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.TransferCapability;

/**
 * Storage SOP Classes and transfer syntaxes of the standard, and the negotiation they need: an
 * acceptor that takes every storage SOP Class in every transfer syntax, and a C-GET requestor that
 * offers to play SCP for the instances it retrieves.
 */
public final class StorageSopClasses {

    private static final List<String> SOP_CLASSES =
            UidRegistry.standard().storageSopClasses().stream().map(UidEntry::uid).toList();
    private static final List<String> TRANSFER_SYNTAXES = transferSyntaxesInOrder();

    private StorageSopClasses() {
    }

    /** Every storage SOP Class UID of the standard, retired ones included. */
    public static List<String> all() {
        return SOP_CLASSES;
    }

    /**
     * Every transfer syntax UID of the standard: Explicit VR Little Endian first, then Implicit VR
     * Little Endian, then the others in UID order. As an acceptor's preference this keeps what
     * the requestor proposes alone in a context, and prefers the native encodings when it
     * proposes several.
     */
    public static List<String> transferSyntaxes() {
        return TRANSFER_SYNTAXES;
    }

    /**
     * Adds to {@code ae} a capability for every storage SOP Class in every transfer syntax. Role
     * {@link TransferCapability.Role#SCP} receives C-STORE; {@link TransferCapability.Role#BOTH}
     * also lets this AE send C-GET sub-operations to requestors that offer the SCP role.
     */
    public static ApplicationEntity.Builder acceptAll(ApplicationEntity.Builder ae, TransferCapability.Role role) {
        for (String sopClass : SOP_CLASSES) {
            ae.accept(new TransferCapability(sopClass, TRANSFER_SYNTAXES, role));
        }
        return ae;
    }

    /**
     * For a C-GET SCU: proposes one presentation context per SOP Class and transfer syntax, and
     * the SCP role (not the SCU role) for each SOP Class, so that the C-GET SCP may send the
     * instances on this association in the transfer syntax it holds them in (PS3.4 C.4.3.1.1).
     * One context per pair keeps the choice of transfer syntax with the sender; mind the limit of
     * 128 contexts per association.
     */
    public static AssociationRequest.Builder proposeScpRole(AssociationRequest.Builder rq, Collection<String> sopClasses,
            Collection<String> transferSyntaxes) {
        for (String sopClass : sopClasses) {
            for (String ts : transferSyntaxes) {
                rq.propose(sopClass, ts);
            }
            rq.roles(sopClass, false, true);
        }
        return rq;
    }

    private static List<String> transferSyntaxesInOrder() {
        List<String> out = new ArrayList<>(List.of(UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian));
        for (UidEntry ts : UidRegistry.standard().transferSyntaxes()) {
            if (!out.contains(ts.uid())) {
                out.add(ts.uid());
            }
        }
        return List.copyOf(out);
    }
}
