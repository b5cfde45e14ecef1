package org.vesalius.dicom.net.ul;

import java.util.ArrayList;
import java.util.List;
import org.vesalius.dicom.net.ul.pdu.AsyncOpsWindow;
import org.vesalius.dicom.net.ul.pdu.CommonExtendedNegotiation;
import org.vesalius.dicom.net.ul.pdu.RoleSelection;
import org.vesalius.dicom.net.ul.pdu.SopClassExtendedNegotiation;
import org.vesalius.dicom.net.ul.pdu.UserIdentityRequest;
import org.vesalius.dicom.net.ul.pdu.UserIdentityResponse;
import org.vesalius.dicom.net.ul.pdu.UserInformation;

/** The User Information item and its sub-items (PS3.8 Annex D, PS3.7 Annex D.3.3). */
final class UserInformationCodec {

    static final int MAX_LENGTH = 0x51;
    static final int IMPLEMENTATION_CLASS_UID = 0x52;
    static final int ASYNC_OPS_WINDOW = 0x53;
    static final int ROLE_SELECTION = 0x54;
    static final int IMPLEMENTATION_VERSION_NAME = 0x55;
    static final int SOP_CLASS_EXTENDED = 0x56;
    static final int SOP_CLASS_COMMON_EXTENDED = 0x57;
    static final int USER_IDENTITY_RQ = 0x58;
    static final int USER_IDENTITY_AC = 0x59;

    private UserInformationCodec() {
    }

    static void encode(UserInformation info, ItemEncoder out) {
        int at = out.beginItem(AssociateCodec.USER_INFORMATION);
        int max = out.beginItem(MAX_LENGTH);
        out.u32(info.maxPduLength());
        out.endItem(max);
        AssociateCodec.uidItem(out, IMPLEMENTATION_CLASS_UID, info.implementationClassUid());
        if (info.asyncOpsWindow() != null) {
            int w = out.beginItem(ASYNC_OPS_WINDOW);
            out.u16(info.asyncOpsWindow().maxOperationsInvoked()).u16(info.asyncOpsWindow().maxOperationsPerformed());
            out.endItem(w);
        }
        for (RoleSelection role : info.roleSelections()) {
            int r = out.beginItem(ROLE_SELECTION);
            out.u16(role.sopClassUid().length()).ascii(role.sopClassUid()).u8(role.scu() ? 1 : 0).u8(role.scp() ? 1 : 0);
            out.endItem(r);
        }
        if (info.implementationVersionName() != null) {
            int v = out.beginItem(IMPLEMENTATION_VERSION_NAME);
            out.ascii(info.implementationVersionName());
            out.endItem(v);
        }
        for (SopClassExtendedNegotiation ext : info.extendedNegotiations()) {
            int e = out.beginItem(SOP_CLASS_EXTENDED);
            out.u16(ext.sopClassUid().length()).ascii(ext.sopClassUid()).bytes(ext.applicationInformation());
            out.endItem(e);
        }
        for (CommonExtendedNegotiation common : info.commonExtendedNegotiations()) {
            encodeCommon(common, out);
        }
        if (info.userIdentity() != null) {
            UserIdentityRequest id = info.userIdentity();
            int u = out.beginItem(USER_IDENTITY_RQ);
            byte[] primary = id.primaryField();
            byte[] secondary = id.secondaryField();
            out.u8(id.type().code()).u8(id.positiveResponseRequested() ? 1 : 0);
            out.u16(primary.length).bytes(primary).u16(secondary.length).bytes(secondary);
            out.endItem(u);
        }
        if (info.userIdentityResponse() != null) {
            byte[] response = info.userIdentityResponse().serverResponse();
            int u = out.beginItem(USER_IDENTITY_AC);
            out.u16(response.length).bytes(response);
            out.endItem(u);
        }
        out.endItem(at);
    }

    private static void encodeCommon(CommonExtendedNegotiation common, ItemEncoder out) {
        int c = out.beginItem(SOP_CLASS_COMMON_EXTENDED);
        out.u16(common.sopClassUid().length()).ascii(common.sopClassUid());
        out.u16(common.serviceClassUid().length()).ascii(common.serviceClassUid());
        int related = 0;
        for (String uid : common.relatedGeneralSopClasses()) {
            related += 2 + uid.length();
        }
        out.u16(related);
        for (String uid : common.relatedGeneralSopClasses()) {
            out.u16(uid.length()).ascii(uid);
        }
        out.endItem(c);
    }

    static UserInformation decode(ItemDecoder in) throws PduException {
        long maxLength = 0;
        String classUid = "";
        String versionName = null;
        AsyncOpsWindow window = null;
        List<RoleSelection> roles = new ArrayList<>();
        List<SopClassExtendedNegotiation> extended = new ArrayList<>();
        List<CommonExtendedNegotiation> common = new ArrayList<>();
        UserIdentityRequest identity = null;
        UserIdentityResponse identityResponse = null;
        while (in.hasRemaining()) {
            int type = in.u8();
            in.skip(1);
            ItemDecoder item = in.sub(in.u16());
            switch (type) {
                case MAX_LENGTH -> maxLength = item.u32();
                case IMPLEMENTATION_CLASS_UID -> classUid = item.uid(item.remaining());
                case IMPLEMENTATION_VERSION_NAME -> versionName = item.uid(item.remaining());
                case ASYNC_OPS_WINDOW -> window = new AsyncOpsWindow(item.u16(), item.u16());
                case ROLE_SELECTION -> roles.add(new RoleSelection(item.uid(item.u16()), item.u8() != 0, item.u8() != 0));
                case SOP_CLASS_EXTENDED -> extended.add(new SopClassExtendedNegotiation(item.uid(item.u16()),
                        item.bytes(item.remaining())));
                case SOP_CLASS_COMMON_EXTENDED -> common.add(decodeCommon(item));
                case USER_IDENTITY_RQ -> identity = decodeIdentity(item);
                case USER_IDENTITY_AC -> identityResponse = decodeIdentityResponse(item);
                default -> { } // unknown sub-item: skipped
            }
        }
        return new UserInformation(maxLength, classUid, versionName, window, roles, extended, common, identity,
                identityResponse);
    }

    /** PS3.7 D.3.3.7.2: one length-prefixed field filling the item exactly. */
    private static UserIdentityResponse decodeIdentityResponse(ItemDecoder item) throws PduException {
        byte[] response = item.bytes(item.u16());
        if (item.hasRemaining()) {
            throw PduException.invalid("user identity response item has " + item.remaining() + " bytes after its field");
        }
        return new UserIdentityResponse(response);
    }

    private static CommonExtendedNegotiation decodeCommon(ItemDecoder item) throws PduException {
        String sopClass = item.uid(item.u16());
        String serviceClass = item.uid(item.u16());
        List<String> related = new ArrayList<>();
        // The related-classes field is absent in items written before it was added to the standard.
        if (item.hasRemaining()) {
            ItemDecoder list = item.sub(item.u16());
            while (list.hasRemaining()) {
                related.add(list.uid(list.u16()));
            }
        }
        return new CommonExtendedNegotiation(sopClass, serviceClass, related);
    }

    /**
     * PS3.7 D.3.3.7.1. Every length is checked against the item's own (no field may run past it,
     * and nothing may follow the secondary field), so a peer lying about a length gets an
     * A-ABORT, not a misread identity; fields are at most 65535 bytes by construction.
     */
    private static UserIdentityRequest decodeIdentity(ItemDecoder item) throws PduException {
        int code = item.u8();
        boolean positive = item.u8() != 0;
        byte[] primary = item.bytes(item.u16());
        // Tolerated: an item that ends after the primary field, with no secondary-field length at all.
        byte[] secondary = item.hasRemaining() ? item.bytes(item.u16()) : new byte[0];
        if (item.hasRemaining()) {
            throw PduException.invalid("user identity item has " + item.remaining() + " bytes after its fields");
        }
        UserIdentityRequest.Type type = UserIdentityRequest.Type.ofCode(code);
        if (type == null) {
            throw PduException.invalid("undefined user identity type " + code);
        }
        if (primary.length == 0) {
            throw PduException.invalid("user identity item with an empty primary field");
        }
        return new UserIdentityRequest(type, positive, primary, secondary);
    }
}
