package org.vesalius.dicom.net.ul;

import java.util.ArrayList;
import java.util.List;
import org.vesalius.dicom.net.ul.pdu.AAssociateAc;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.PresentationContextRequest;
import org.vesalius.dicom.net.ul.pdu.PresentationContextResult;
import org.vesalius.dicom.net.ul.pdu.UserInformation;

/**
 * The variable fields of A-ASSOCIATE-RQ and -AC (PS3.8 9.3.2, 9.3.3). Item types not defined for
 * the PDU are skipped, so that a newer peer's additions do not break the association.
 */
final class AssociateCodec {

    static final int APPLICATION_CONTEXT = 0x10;
    static final int PRESENTATION_CONTEXT_RQ = 0x20;
    static final int PRESENTATION_CONTEXT_AC = 0x21;
    static final int ABSTRACT_SYNTAX = 0x30;
    static final int TRANSFER_SYNTAX = 0x40;
    static final int USER_INFORMATION = 0x50;

    private AssociateCodec() {
    }

    static void encodeRq(AAssociateRq rq, ItemEncoder out) {
        fixedPart(out, rq.protocolVersion(), rq.calledAeTitle(), rq.callingAeTitle());
        applicationContext(out, rq.applicationContextName());
        for (PresentationContextRequest pc : rq.presentationContexts()) {
            int at = out.beginItem(PRESENTATION_CONTEXT_RQ);
            out.u8(pc.id()).u8(0).u8(0).u8(0);
            uidItem(out, ABSTRACT_SYNTAX, pc.abstractSyntax());
            for (String ts : pc.transferSyntaxes()) {
                uidItem(out, TRANSFER_SYNTAX, ts);
            }
            out.endItem(at);
        }
        UserInformationCodec.encode(rq.userInformation(), out);
    }

    static void encodeAc(AAssociateAc ac, ItemEncoder out) {
        fixedPart(out, ac.protocolVersion(), ac.calledAeTitle(), ac.callingAeTitle());
        applicationContext(out, ac.applicationContextName());
        for (PresentationContextResult pc : ac.presentationContexts()) {
            int at = out.beginItem(PRESENTATION_CONTEXT_AC);
            out.u8(pc.id()).u8(0).u8(pc.result().code()).u8(0);
            uidItem(out, TRANSFER_SYNTAX, pc.transferSyntax());
            out.endItem(at);
        }
        UserInformationCodec.encode(ac.userInformation(), out);
    }

    static AAssociateRq decodeRq(ItemDecoder in) throws PduException {
        Fixed fixed = fixedPart(in);
        String appContext = null;
        List<PresentationContextRequest> contexts = new ArrayList<>();
        UserInformation userInfo = null;
        while (in.hasRemaining()) {
            int type = in.u8();
            in.skip(1);
            ItemDecoder item = in.sub(in.u16());
            switch (type) {
                case APPLICATION_CONTEXT -> appContext = item.uid(item.remaining());
                case PRESENTATION_CONTEXT_RQ -> contexts.add(presentationContextRq(item));
                case USER_INFORMATION -> userInfo = UserInformationCodec.decode(item);
                default -> { } // unknown item: skipped for forward compatibility
            }
        }
        return new AAssociateRq(fixed.version, fixed.called, fixed.calling, required(appContext), contexts,
                userInfoOrDefault(userInfo));
    }

    static AAssociateAc decodeAc(ItemDecoder in) throws PduException {
        Fixed fixed = fixedPart(in);
        String appContext = null;
        List<PresentationContextResult> contexts = new ArrayList<>();
        UserInformation userInfo = null;
        while (in.hasRemaining()) {
            int type = in.u8();
            in.skip(1);
            ItemDecoder item = in.sub(in.u16());
            switch (type) {
                case APPLICATION_CONTEXT -> appContext = item.uid(item.remaining());
                case PRESENTATION_CONTEXT_AC -> contexts.add(presentationContextAc(item));
                case USER_INFORMATION -> userInfo = UserInformationCodec.decode(item);
                default -> { }
            }
        }
        return new AAssociateAc(fixed.version, fixed.called, fixed.calling, required(appContext), contexts,
                userInfoOrDefault(userInfo));
    }

    private record Fixed(int version, String called, String calling) {
    }

    private static void fixedPart(ItemEncoder out, int version, String called, String calling) {
        out.u16(version).u16(0).aeTitle(called).aeTitle(calling).zeros(32);
    }

    private static Fixed fixedPart(ItemDecoder in) throws PduException {
        int version = in.u16();
        in.skip(2);
        String called = in.aeTitle();
        String calling = in.aeTitle();
        in.skip(32);
        return new Fixed(version, called, calling);
    }

    private static void applicationContext(ItemEncoder out, String uid) {
        uidItem(out, APPLICATION_CONTEXT, uid);
    }

    static void uidItem(ItemEncoder out, int type, String uid) {
        int at = out.beginItem(type);
        out.ascii(uid);
        out.endItem(at);
    }

    private static PresentationContextRequest presentationContextRq(ItemDecoder item) throws PduException {
        int id = item.u8();
        item.skip(3);
        String abstractSyntax = null;
        List<String> transferSyntaxes = new ArrayList<>();
        while (item.hasRemaining()) {
            int type = item.u8();
            item.skip(1);
            int length = item.u16();
            switch (type) {
                case ABSTRACT_SYNTAX -> abstractSyntax = item.uid(length);
                case TRANSFER_SYNTAX -> transferSyntaxes.add(item.uid(length));
                default -> item.skip(length);
            }
        }
        if (abstractSyntax == null) {
            throw PduException.invalid("presentation context " + id + " has no abstract syntax");
        }
        return new PresentationContextRequest(id, abstractSyntax, transferSyntaxes);
    }

    private static PresentationContextResult presentationContextAc(ItemDecoder item) throws PduException {
        int id = item.u8();
        item.skip(1);
        int code = item.u8();
        item.skip(1);
        String transferSyntax = "";
        while (item.hasRemaining()) {
            int type = item.u8();
            item.skip(1);
            int length = item.u16();
            if (type == TRANSFER_SYNTAX) {
                transferSyntax = item.uid(length);
            } else {
                item.skip(length);
            }
        }
        PresentationContextResult.Result result = PresentationContextResult.Result.ofCode(code);
        if (result == null) {
            throw PduException.invalid("presentation context " + id + " has undefined result " + code);
        }
        return new PresentationContextResult(id, result, transferSyntax);
    }

    private static String required(String appContext) throws PduException {
        if (appContext == null) {
            throw PduException.invalid("no application context item");
        }
        return appContext;
    }

    /** Without a User Information item the peer sets no length limit; tolerated, as some old peers omit it. */
    private static UserInformation userInfoOrDefault(UserInformation userInfo) {
        return userInfo != null ? userInfo : UserInformation.of(0, "", null);
    }
}
