package org.vesalius.dicom.net.echo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;

/** C-ECHO-RQ and C-ECHO-RSP command sets (PS3.7 9.3.5): group 0000, Implicit VR Little Endian, with group length. */
final class EchoCommand {

    static final String VERIFICATION_SOP_CLASS = "1.2.840.10008.1.1";
    static final int C_ECHO_RQ = 0x0030;
    static final int C_ECHO_RSP = 0x8030;

    static final int AFFECTED_SOP_CLASS_UID = 0x00000002;
    static final int COMMAND_FIELD = 0x00000100;
    static final int MESSAGE_ID = 0x00000110;
    static final int MESSAGE_ID_BEING_RESPONDED_TO = 0x00000120;
    static final int COMMAND_DATA_SET_TYPE = 0x00000800;
    static final int STATUS = 0x00000900;
    private static final int NO_DATA_SET = 0x0101;

    private EchoCommand() {
    }

    static byte[] request(int messageId) {
        Dataset cmd = new Dataset();
        cmd.setString(AFFECTED_SOP_CLASS_UID, VR.UI, VERIFICATION_SOP_CLASS);
        cmd.setInt(COMMAND_FIELD, VR.US, C_ECHO_RQ);
        cmd.setInt(MESSAGE_ID, VR.US, messageId);
        cmd.setInt(COMMAND_DATA_SET_TYPE, VR.US, NO_DATA_SET);
        return encode(cmd);
    }

    static byte[] response(int messageIdBeingRespondedTo, int status) {
        Dataset cmd = new Dataset();
        cmd.setString(AFFECTED_SOP_CLASS_UID, VR.UI, VERIFICATION_SOP_CLASS);
        cmd.setInt(COMMAND_FIELD, VR.US, C_ECHO_RSP);
        cmd.setInt(MESSAGE_ID_BEING_RESPONDED_TO, VR.US, messageIdBeingRespondedTo);
        cmd.setInt(COMMAND_DATA_SET_TYPE, VR.US, NO_DATA_SET);
        cmd.setInt(STATUS, VR.US, status);
        return encode(cmd);
    }

    /** Writes the elements with the project's writer, then puts (0000,0000) CommandGroupLength in front. */
    static byte[] encode(Dataset command) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            DicomWriter.writeDataset(command, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, body, EncodingOptions.DEFAULT);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory", e);
        }
        byte[] elements = body.toByteArray();
        byte[] out = new byte[12 + elements.length];
        LittleEndian.putTag(out, 0, 0x00000000);
        LittleEndian.put(out, 4, 4, 4);
        LittleEndian.put(out, 8, 4, elements.length);
        System.arraycopy(elements, 0, out, 12, elements.length);
        return out;
    }

    /** The US values of a command set by tag (other values are skipped). */
    static Map<Integer, Integer> usValues(byte[] command) {
        Map<Integer, Integer> values = new HashMap<>();
        int pos = 0;
        while (pos + 8 <= command.length) {
            int tag = LittleEndian.tag(command, pos);
            int length = LittleEndian.int32(command, pos + 4);
            pos += 8;
            if (length < 0 || length > command.length - pos) {
                break;
            }
            if (length == 2) {
                values.put(tag, LittleEndian.uint16(command, pos));
            }
            pos += length;
        }
        return values;
    }
}
