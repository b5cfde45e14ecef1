package org.vesalius.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.net.ul.pdu.AAbort;
import org.vesalius.dicom.net.ul.pdu.AAssociateAc;
import org.vesalius.dicom.net.ul.pdu.AAssociateRj;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.AReleaseRp;
import org.vesalius.dicom.net.ul.pdu.AReleaseRq;
import org.vesalius.dicom.net.ul.pdu.AsyncOpsWindow;
import org.vesalius.dicom.net.ul.pdu.CommonExtendedNegotiation;
import org.vesalius.dicom.net.ul.pdu.PDataTf;
import org.vesalius.dicom.net.ul.pdu.Pdu;
import org.vesalius.dicom.net.ul.pdu.Pdv;
import org.vesalius.dicom.net.ul.pdu.PresentationContextRequest;
import org.vesalius.dicom.net.ul.pdu.PresentationContextResult;
import org.vesalius.dicom.net.ul.pdu.RoleSelection;
import org.vesalius.dicom.net.ul.pdu.SopClassExtendedNegotiation;
import org.vesalius.dicom.net.ul.pdu.UserIdentityRequest;
import org.vesalius.dicom.net.ul.pdu.UserIdentityResponse;
import org.vesalius.dicom.net.ul.pdu.UserInformation;

/**
 * PDU encoding and decoding against bytes captured from dcmtk 3.6.7 (echoscu/storescu talking to
 * storescp, see the {@code dcmtk-*.bin} resources) and bytes written by hand from PS3.8 9.3 and
 * PS3.7 D.3.3.
 */
class PduCodecTest {

    static final long CAP = AssociationOptions.DEFAULT_MAX_INCOMING_PDU_LENGTH;

    static byte[] resource(String name) throws IOException {
        try (InputStream in = PduCodecTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    static Pdu decode(byte[] bytes) throws IOException {
        return new PduReader(new ByteArrayInputStream(bytes), CAP).read();
    }

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    @Test
    void dcmtkAssociateRq() throws IOException {
        AAssociateRq rq = (AAssociateRq) decode(resource("dcmtk-echoscu-associate-rq.bin"));
        assertThat(rq.protocolVersion()).isEqualTo(1);
        assertThat(rq.calledAeTitle()).isEqualTo("STORESCP");
        assertThat(rq.callingAeTitle()).isEqualTo("ECHOSCU");
        // dcmtk pads the application context name with a space: not part of the UID
        assertThat(rq.applicationContextName()).isEqualTo(AAssociateRq.DICOM_APPLICATION_CONTEXT);
        assertThat(rq.presentationContexts()).containsExactly(
                new PresentationContextRequest(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2")));
        UserInformation info = rq.userInformation();
        assertThat(info.maxPduLength()).isEqualTo(16384);
        assertThat(info.implementationClassUid()).isEqualTo("1.2.276.0.7230010.3.0.3.6.7");
        assertThat(info.implementationVersionName()).isEqualTo("OFFIS_DCMTK_367");
        assertThat(info.asyncOpsWindow()).isNull();
        assertThat(decode(PduWriter.encode(rq))).isEqualTo(rq);
    }

    @Test
    void dcmtkAssociateAcAndManyContexts() throws IOException {
        AAssociateAc ac = (AAssociateAc) decode(resource("dcmtk-storescp-associate-ac.bin"));
        assertThat(ac.presentationContexts()).containsExactly(new PresentationContextResult(1,
                PresentationContextResult.Result.ACCEPTANCE, "1.2.840.10008.1.2"));
        assertThat(ac.userInformation().maxPduLength()).isEqualTo(16384);
        assertThat(decode(PduWriter.encode(ac))).isEqualTo(ac);

        AAssociateAc many = (AAssociateAc) decode(resource("dcmtk-storescp-associate-ac-many.bin"));
        assertThat(many.presentationContexts()).hasSizeGreaterThan(100);
        assertThat(many.presentationContexts()).allSatisfy(pc -> assertThat(pc.id() % 2).isEqualTo(1));
        assertThat(decode(PduWriter.encode(many))).isEqualTo(many);
    }

    @Test
    void dcmtkUserIdentity() throws IOException {
        AAssociateRq rq = (AAssociateRq) decode(resource("dcmtk-storescu-associate-rq-identity.bin"));
        UserIdentityRequest id = rq.userInformation().userIdentity();
        assertThat(id.type()).isEqualTo(UserIdentityRequest.Type.USERNAME_AND_PASSCODE);
        assertThat(id.primaryText()).isEqualTo("alice");
        assertThat(id.secondaryText()).isEqualTo("secret");
        assertThat(id.positiveResponseRequested()).isTrue();
        assertThat(id.toString()).doesNotContain("secret");
        assertThat(rq.presentationContexts()).hasSizeGreaterThan(100);
        assertThat(decode(PduWriter.encode(rq))).isEqualTo(rq);
    }

    @Test
    void dcmtkFixedLengthPdusRoundTripByteForByte() throws IOException {
        for (String name : List.of("dcmtk-storescp-associate-rj.bin", "dcmtk-echoscu-release-rq.bin",
                "dcmtk-storescp-release-rp.bin", "dcmtk-echoscu-c-echo-rq.bin", "dcmtk-storescp-c-echo-rsp.bin")) {
            byte[] bytes = resource(name);
            assertThat(PduWriter.encode(decode(bytes))).as(name).isEqualTo(bytes);
        }
        AAssociateRj rj = (AAssociateRj) decode(resource("dcmtk-storescp-associate-rj.bin"));
        assertThat(rj).isEqualTo(AAssociateRj.NO_REASON_GIVEN);
        assertThat(rj.toString()).isEqualTo("rejected-permanent by DICOM UL service-user: no-reason-given (1/1/1)");
        assertThat(decode(resource("dcmtk-echoscu-release-rq.bin"))).isEqualTo(new AReleaseRq());
        assertThat(decode(resource("dcmtk-storescp-release-rp.bin"))).isEqualTo(new AReleaseRp());
    }

    @Test
    void dcmtkCEchoPdv() throws IOException {
        PDataTf data = (PDataTf) decode(resource("dcmtk-echoscu-c-echo-rq.bin"));
        assertThat(data.pdvs()).singleElement().satisfies(pdv -> {
            assertThat(pdv.contextId()).isEqualTo(1);
            assertThat(pdv.command()).isTrue();
            assertThat(pdv.last()).isTrue();
            assertThat(IncomingMessage.declaresDataSet(pdv.bytes())).isFalse();
        });
    }

    @Test
    void abortByHand() throws IOException {
        // PS3.8 9.3.8: type 07, reserved, length 4, reserved, reserved, source, reason
        byte[] bytes = hex("07 00 00000004 00 00 02 06");
        AAbort abort = (AAbort) decode(bytes);
        assertThat(abort).isEqualTo(AAbort.byProvider(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE));
        assertThat(abort.toString()).isEqualTo("A-ABORT by DICOM UL service-provider: invalid-PDU-parameter value");
        assertThat(PduWriter.encode(abort)).isEqualTo(bytes);
    }

    @Test
    void pDataWithTwoPdvsByHand() throws IOException {
        // command fragment (not last) then a last data fragment, in one P-DATA-TF
        byte[] bytes = hex("04 00 00000010" + "00000004 03 01 AA BB" + "00000004 03 02 CC DD");
        PDataTf data = (PDataTf) decode(bytes);
        assertThat(data.pdvs()).containsExactly(Pdv.of(3, true, false, hex("AABB")), Pdv.of(3, false, true, hex("CCDD")));
        assertThat(PduWriter.encode(data)).isEqualTo(bytes);
    }

    /** Every User Information sub-item of PS3.7 D.3.3, written by hand, plus one unknown sub-item. */
    @Test
    void userInformationSubItemsByHand() throws IOException {
        String ui = "51 00 0004 00004000"
                + "52 00 0003 312E32" // "1.2"
                + "53 00 0004 0005 0001" // async ops window 5/1
                + "54 00 0009 0005 312E322E33 01 01" // role selection "1.2.3" scu+scp
                + "55 00 0002 5631" // "V1"
                + "56 00 0009 0005 312E322E34 01 00" // extended negotiation "1.2.4" -> 01 00
                + "57 00 0019 0005 312E322E35 0003 312E36 000B 0003 312E37 0004 312E3820" // common ext neg
                + "58 00 000C 05 01 0006 6A2E772E74 20 0000" // JWT "j.w.t "? primary 6 bytes, empty secondary
                + "5F 00 0002 ABCD"; // unknown: skipped
        byte[] body = hex(ui);
        ItemDecoder decoder = new ItemDecoder(body, 0, body.length);
        UserInformation info = UserInformationCodec.decode(decoder);
        assertThat(info.maxPduLength()).isEqualTo(0x4000);
        assertThat(info.implementationClassUid()).isEqualTo("1.2");
        assertThat(info.implementationVersionName()).isEqualTo("V1");
        assertThat(info.asyncOpsWindow()).isEqualTo(new AsyncOpsWindow(5, 1));
        assertThat(info.roleSelections()).containsExactly(new RoleSelection("1.2.3", true, true));
        assertThat(info.extendedNegotiations()).containsExactly(new SopClassExtendedNegotiation("1.2.4", hex("0100")));
        assertThat(info.commonExtendedNegotiations()).containsExactly(
                new CommonExtendedNegotiation("1.2.5", "1.6", List.of("1.7", "1.8")));
        assertThat(info.userIdentity().type()).isEqualTo(UserIdentityRequest.Type.JWT);
        assertThat(info.userIdentity().positiveResponseRequested()).isTrue();
        assertThat(info.userIdentity().primaryField()).isEqualTo("j.w.t ".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void everyIdentityTypeAndServerResponseRoundTrip() throws IOException {
        for (UserIdentityRequest id : List.of(UserIdentityRequest.username("bob", false),
                UserIdentityRequest.usernameAndPasscode("bob", "pw", true), UserIdentityRequest.kerberos(hex("0102"), true),
                UserIdentityRequest.saml("<saml/>", true), UserIdentityRequest.jwt("a.b.c", false))) {
            AAssociateRq rq = new AAssociateRq(1, "CALLED", "CALLING", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                    List.of(new PresentationContextRequest(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2"))),
                    UserInformation.of(16384, "1.2.3", null).withUserIdentity(id)
                            .withAsyncOpsWindow(new AsyncOpsWindow(0, 1))
                            .withRoleSelections(List.of(new RoleSelection("1.2.840.10008.5.1.4.1.1.2", false, true)))
                            .withCommonExtendedNegotiations(List.of(new CommonExtendedNegotiation("1.2", "1.3", List.of()))));
            assertThat(decode(PduWriter.encode(rq))).isEqualTo(rq);
        }
        AAssociateAc ac = new AAssociateAc(1, "CALLED", "CALLING", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextResult(1, PresentationContextResult.Result.TRANSFER_SYNTAXES_NOT_SUPPORTED,
                        "1.2.840.10008.1.2")),
                UserInformation.of(0, "1.2.3", "X").withUserIdentityResponse(new UserIdentityResponse(hex("CAFE"))));
        assertThat(decode(PduWriter.encode(ac))).isEqualTo(ac);
    }

    @Test
    void aeTitlesArePaddedOnWriteAndTrimmedOnRead() throws IOException {
        AAssociateRq rq = new AAssociateRq(1, "PACS", "ME", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRequest(1, "1.2.840.10008.1.1", List.of("1.2.840.10008.1.2"))),
                UserInformation.of(0, "1.2", null));
        byte[] bytes = PduWriter.encode(rq);
        assertThat(new String(bytes, 10, 32, StandardCharsets.US_ASCII)).isEqualTo("PACS            ME              ");
        bytes[10] = ' '; // a leading space is not significant either
        assertThat(((AAssociateRq) decode(bytes)).calledAeTitle()).isEqualTo("ACS");
        AAssociateRq tooLong = new AAssociateRq(1, "SEVENTEEN_CHARS_X", "ME", AAssociateRq.DICOM_APPLICATION_CONTEXT,
                rq.presentationContexts(), rq.userInformation());
        assertThatThrownBy(() -> PduWriter.encode(tooLong)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownItemsInAssociateRqAreSkipped() throws IOException {
        byte[] known = PduWriter.encode(decode(resource("dcmtk-echoscu-associate-rq.bin")));
        byte[] extra = hex("7F 00 0003 010203");
        byte[] bytes = new byte[known.length + extra.length];
        System.arraycopy(known, 0, bytes, 0, known.length);
        System.arraycopy(extra, 0, bytes, known.length, extra.length);
        long length = bytes.length - 6;
        bytes[4] = (byte) (length >> 8);
        bytes[5] = (byte) length;
        assertThat(decode(bytes)).isEqualTo(decode(known));
    }

    @Test
    void malformedPdusAreTyped() {
        assertAbortReason(hex("09 00 00000004 00000000"), AAbort.REASON_UNRECOGNIZED_PDU);
        assertAbortReason(hex("47 45 54 20 2F 20"), AAbort.REASON_UNRECOGNIZED_PDU); // "GET / "
        assertAbortReason(hex("04 00 7FFFFFFF"), AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
        assertAbortReason(hex("04 00 00000008 00000009 01 03 AABB"), AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
        assertAbortReason(hex("07 00 00000002 0000"), AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
        assertThatThrownBy(() -> decode(hex("05 00 00000004 00"))).isInstanceOf(EOFException.class);
    }

    @Test
    void itemLengthOverrunningThePduIsInvalid() throws IOException {
        byte[] rq = resource("dcmtk-echoscu-associate-rq.bin");
        int pcItem = 6 + 68 + 4 + 0x15; // after the fixed part and the application context item
        assertThat(rq[pcItem]).isEqualTo((byte) 0x20);
        rq[pcItem + 2] = (byte) 0xFF;
        rq[pcItem + 3] = (byte) 0xFF;
        assertAbortReason(rq, AAbort.REASON_INVALID_PDU_PARAMETER_VALUE);
    }

    private static void assertAbortReason(byte[] input, int reason) {
        assertThatThrownBy(() -> decode(input)).isInstanceOfSatisfying(PduException.class,
                e -> assertThat(e.abortReason()).isEqualTo(reason));
    }
}
