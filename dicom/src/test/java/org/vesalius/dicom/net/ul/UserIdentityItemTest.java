package org.vesalius.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.vesalius.dicom.net.ul.PduCodecTest.hex;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vesalius.dicom.net.ul.pdu.AAbort;
import org.vesalius.dicom.net.ul.pdu.UserIdentityRequest;
import org.vesalius.dicom.net.ul.pdu.UserInformation;

/**
 * The User Identity sub-items (PS3.7 D.3.3.7) as a hostile requestor would write them: every
 * length that lies, an empty item, an empty primary field or an undefined type is an invalid
 * PDU parameter (the acceptor answers A-ABORT), never a misread identity.
 */
class UserIdentityItemTest {

    private static final String MAX_LENGTH = "51 00 0004 00004000 ";

    private static UserInformation decode(String subItems) throws PduException {
        byte[] body = hex(MAX_LENGTH + subItems);
        return UserInformationCodec.decode(new ItemDecoder(body, 0, body.length));
    }

    @Test
    void usernameAndPasscodeAsDcmtkWritesThem() throws PduException {
        // type 2, positive response requested, "alice" / "pw"
        UserIdentityRequest id = decode("58 00 000D 02 01 0005 616C696365 0002 7077").userIdentity();
        assertThat(id.type()).isEqualTo(UserIdentityRequest.Type.USERNAME_AND_PASSCODE);
        assertThat(id.positiveResponseRequested()).isTrue();
        assertThat(id.primaryText()).isEqualTo("alice");
        assertThat(id.secondaryText()).isEqualTo("pw");
        assertThat(id.toString()).contains("alice").doesNotContain("pw");
    }

    @Test
    void anItemEndingAfterThePrimaryFieldHasAnEmptySecondary() throws PduException {
        UserIdentityRequest id = decode("58 00 0009 01 00 0005 616C696365").userIdentity();
        assertThat(id.type()).isEqualTo(UserIdentityRequest.Type.USERNAME);
        assertThat(id.secondaryField()).isEmpty();
    }

    @Test
    void anEmptyPasscodeIsKept() throws PduException {
        // dcmtk --empty-password: the verifier decides, not the codec
        assertThat(decode("58 00 000B 02 00 0005 616C696365 0000").userIdentity().secondaryField()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "58 00 0000", // empty item
            "58 00 0001 02", // no response flag
            "58 00 0003 02 00 00", // half a primary length
            "58 00 000D 02 01 0006 616C696365 0002 7077", // primary length one past its field
            "58 00 000D 02 01 FFFF 616C696365 0002 7077", // primary length far past the item
            "58 00 000D 02 01 0005 616C696365 0003 7077", // secondary length past the item
            "58 00 000D 02 01 0005 616C696365 FFFF 7077", // secondary length far past the item
            "58 00 000D 02 01 0004 616C696365 0002 7077", // primary length one short: the rest misaligned
            "58 00 000E 02 01 0005 616C696365 0002 7077 00", // a byte after the secondary field
            "58 00 FFFF 02 01 0005 616C696365 0002 7077", // item length past the user information
            "58 00 0006 02 01 0000 0000", // empty primary field
            "58 00 000B 00 01 0005 616C696365 0000", // type 0
            "58 00 000B 06 01 0005 616C696365 0000", // type 6
            "58 00 000B FF 01 0005 616C696365 0000", // type 255
            "59 00 0000", // empty server response item
            "59 00 0004 0003 CAFE", // server response length past the item
            "59 00 0004 0001 CAFE", // a byte after the server response
    })
    void lyingOrEmptyItemsAreInvalidPduParameters(String item) {
        assertThatThrownBy(() -> decode(item)).isInstanceOfSatisfying(PduException.class,
                e -> assertThat(e.abortReason()).isEqualTo(AAbort.REASON_INVALID_PDU_PARAMETER_VALUE));
    }

    @Test
    void aLargeTokenRoundTripsAndFieldsBeyondTheItemCannotBeBuilt() throws PduException {
        byte[] token = new byte[60_000];
        Arrays.fill(token, (byte) 'a');
        UserIdentityRequest big = new UserIdentityRequest(UserIdentityRequest.Type.JWT, true, token, null);
        ItemEncoder out = new ItemEncoder();
        UserInformationCodec.encode(UserInformation.of(16384, "1.2", null).withUserIdentity(big), out);
        byte[] bytes = out.toByteArray();
        // past the user information item's own header (type, reserved, length)
        assertThat(UserInformationCodec.decode(new ItemDecoder(bytes, 4, bytes.length - 4)).userIdentity()).isEqualTo(big);
        assertThatThrownBy(() -> new UserIdentityRequest(UserIdentityRequest.Type.USERNAME_AND_PASSCODE, false,
                new byte[UserIdentityRequest.MAX_FIELDS_LENGTH], new byte[1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserIdentityRequest.username("", false)).isInstanceOf(IllegalArgumentException.class);
    }
}
