package org.vesalius.dicom.net.dimse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.MalformedDicomException;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * A DIMSE command set (group 0000, PS3.7 6.3 and 9.3): what precedes every data set on an
 * association. Always encoded in Implicit VR Little Endian, led by its Command Group Length.
 *
 * <p>Numbers are read from the bytes of the command elements directly rather than through the
 * dictionary, so that an odd VR from a peer does not make a command unreadable.
 */
public final class CommandSet {

    /** (0000,0800) value meaning "no data set follows". */
    public static final int NO_DATASET = 0x0101;
    /** (0000,0800) value we send when a data set follows (any other value than 0x0101 means one does). */
    public static final int DATASET_PRESENT = 0x0000;

    static final int AFFECTED_SOP_CLASS_UID = 0x00000002;
    static final int REQUESTED_SOP_CLASS_UID = 0x00000003;
    static final int COMMAND_FIELD = 0x00000100;
    static final int MESSAGE_ID = 0x00000110;
    static final int MESSAGE_ID_BEING_RESPONDED_TO = 0x00000120;
    static final int MOVE_DESTINATION = 0x00000600;
    static final int PRIORITY = 0x00000700;
    static final int COMMAND_DATASET_TYPE = 0x00000800;
    static final int STATUS = 0x00000900;
    static final int OFFENDING_ELEMENT = 0x00000901;
    static final int ERROR_COMMENT = 0x00000902;
    static final int AFFECTED_SOP_INSTANCE_UID = 0x00001000;
    static final int REMAINING = 0x00001020;
    static final int COMPLETED = 0x00001021;
    static final int FAILED = 0x00001022;
    static final int WARNING = 0x00001023;
    static final int MOVE_ORIGINATOR_AET = 0x00001030;
    static final int MOVE_ORIGINATOR_MESSAGE_ID = 0x00001031;

    /** DIMSE priority (0000,0700). */
    public enum Priority {
        MEDIUM(0), HIGH(1), LOW(2);

        private final int code;

        Priority(int code) {
            this.code = code;
        }

        /** The value of (0000,0700). */
        public int code() {
            return code;
        }
    }

    private final Dataset elements;

    private CommandSet(Dataset elements) {
        this.elements = elements;
    }

    // ---------------------------------------------------------------- requests

    /** C-ECHO-RQ. */
    public static CommandSet echoRequest(int messageId, String sopClassUid) {
        return request(CommandField.C_ECHO_RQ, messageId, sopClassUid, false);
    }

    /** C-STORE-RQ; the originator fields are set for sub-operations of a C-MOVE (else null, 0). */
    public static CommandSet storeRequest(int messageId, String sopClassUid, String sopInstanceUid, Priority priority,
            String moveOriginatorAet, int moveOriginatorMessageId) {
        CommandSet c = request(CommandField.C_STORE_RQ, messageId, sopClassUid, true);
        c.us(PRIORITY, priority.code());
        c.ui(AFFECTED_SOP_INSTANCE_UID, sopInstanceUid);
        if (moveOriginatorAet != null) {
            c.string(MOVE_ORIGINATOR_AET, VR.AE, moveOriginatorAet);
            c.us(MOVE_ORIGINATOR_MESSAGE_ID, moveOriginatorMessageId);
        }
        return c;
    }

    /** C-FIND-RQ (an identifier follows). */
    public static CommandSet findRequest(int messageId, String sopClassUid, Priority priority) {
        CommandSet c = request(CommandField.C_FIND_RQ, messageId, sopClassUid, true);
        c.us(PRIORITY, priority.code());
        return c;
    }

    /** C-MOVE-RQ to {@code destinationAet} (an identifier follows). */
    public static CommandSet moveRequest(int messageId, String sopClassUid, Priority priority, String destinationAet) {
        CommandSet c = request(CommandField.C_MOVE_RQ, messageId, sopClassUid, true);
        c.us(PRIORITY, priority.code());
        c.string(MOVE_DESTINATION, VR.AE, destinationAet);
        return c;
    }

    /** C-GET-RQ (an identifier follows). */
    public static CommandSet getRequest(int messageId, String sopClassUid, Priority priority) {
        CommandSet c = request(CommandField.C_GET_RQ, messageId, sopClassUid, true);
        c.us(PRIORITY, priority.code());
        return c;
    }

    /** C-CANCEL-RQ for the operation started by message {@code messageIdBeingCancelled}. */
    public static CommandSet cancelRequest(int messageIdBeingCancelled) {
        CommandSet c = new CommandSet(new Dataset(4));
        c.us(COMMAND_FIELD, CommandField.C_CANCEL_RQ.code());
        c.us(MESSAGE_ID_BEING_RESPONDED_TO, messageIdBeingCancelled);
        c.us(COMMAND_DATASET_TYPE, NO_DATASET);
        return c;
    }

    private static CommandSet request(CommandField field, int messageId, String sopClassUid, boolean withDataset) {
        CommandSet c = new CommandSet(new Dataset(8));
        c.ui(AFFECTED_SOP_CLASS_UID, sopClassUid);
        c.us(COMMAND_FIELD, field.code());
        c.us(MESSAGE_ID, messageId);
        c.us(COMMAND_DATASET_TYPE, withDataset ? DATASET_PRESENT : NO_DATASET);
        return c;
    }

    // ---------------------------------------------------------------- responses

    /**
     * The response to {@code request} with {@code status}; {@code withDataset} when a data set
     * follows (C-FIND pending matches, C-MOVE/C-GET final failed-instance list).
     */
    public static CommandSet responseTo(CommandSet request, DicomStatus status, boolean withDataset) {
        CommandField field = request.commandField();
        int code = request.commandFieldCode();
        // A request this toolkit does not know (an N-service, say) still gets its response field,
        // so that it can be answered with 0211 unrecognized operation.
        if (field == CommandField.C_CANCEL_RQ || (code & 0x8000) != 0) {
            throw new IllegalArgumentException("no response to " + request);
        }
        CommandSet c = new CommandSet(new Dataset(8));
        String sopClass = request.affectedSopClassUid();
        if (sopClass != null) {
            c.ui(AFFECTED_SOP_CLASS_UID, sopClass);
        }
        c.us(COMMAND_FIELD, code | 0x8000);
        c.us(MESSAGE_ID_BEING_RESPONDED_TO, request.messageId());
        c.us(COMMAND_DATASET_TYPE, withDataset ? DATASET_PRESENT : NO_DATASET);
        c.us(STATUS, status.code());
        String sopInstance = request.affectedSopInstanceUid();
        if (sopInstance != null && field == CommandField.C_STORE_RQ) {
            c.ui(AFFECTED_SOP_INSTANCE_UID, sopInstance);
        }
        return c;
    }

    /** Sets the sub-operation counts of a C-MOVE or C-GET response (remaining is left out when negative). */
    public CommandSet withSubOperations(int remaining, int completed, int failed, int warning) {
        if (remaining >= 0) {
            us(REMAINING, remaining);
        }
        us(COMPLETED, completed);
        us(FAILED, failed);
        us(WARNING, warning);
        return this;
    }

    /** Sets Error Comment (0000,0902), truncated to the 64 characters LO allows. */
    public CommandSet withErrorComment(String comment) {
        if (comment != null && !comment.isEmpty()) {
            String ascii = comment.replaceAll("[^\\x20-\\x7E]", "?");
            string(ERROR_COMMENT, VR.LO, ascii.length() > 64 ? ascii.substring(0, 64) : ascii);
        }
        return this;
    }

    /** Sets Offending Element (0000,0901). */
    public CommandSet withOffendingElement(int... tags) {
        long[] values = new long[tags.length];
        for (int i = 0; i < tags.length; i++) {
            values[i] = tags[i] & 0xFFFFFFFFL;
        }
        elements.setInt(OFFENDING_ELEMENT, VR.AT, values);
        return this;
    }

    // ---------------------------------------------------------------- reading

    /** The command field, or null when it is one this toolkit does not know. */
    public CommandField commandField() {
        return CommandField.of(usValue(COMMAND_FIELD, -1));
    }

    /** The raw (0000,0100) value, -1 when absent. */
    public int commandFieldCode() {
        return usValue(COMMAND_FIELD, -1);
    }

    /** (0000,0110) Message ID, -1 when absent. */
    public int messageId() {
        return usValue(MESSAGE_ID, -1);
    }

    /** (0000,0120) Message ID Being Responded To, -1 when absent. */
    public int messageIdBeingRespondedTo() {
        return usValue(MESSAGE_ID_BEING_RESPONDED_TO, -1);
    }

    /** (0000,0002) Affected SOP Class UID, or (0000,0003) Requested SOP Class UID, or null. */
    public String affectedSopClassUid() {
        String uid = text(AFFECTED_SOP_CLASS_UID);
        return uid != null ? uid : text(REQUESTED_SOP_CLASS_UID);
    }

    /** (0000,1000) Affected SOP Instance UID, or null. */
    public String affectedSopInstanceUid() {
        return text(AFFECTED_SOP_INSTANCE_UID);
    }

    /** (0000,0600) Move Destination, or null. */
    public String moveDestination() {
        return text(MOVE_DESTINATION);
    }

    /** (0000,1030) Move Originator AE Title, or null. */
    public String moveOriginatorAet() {
        return text(MOVE_ORIGINATOR_AET);
    }

    /** (0000,1031) Move Originator Message ID, -1 when absent. */
    public int moveOriginatorMessageId() {
        return usValue(MOVE_ORIGINATOR_MESSAGE_ID, -1);
    }

    /** (0000,0700) Priority (medium when absent or unknown). */
    public Priority priority() {
        int p = usValue(PRIORITY, 0);
        return p == 1 ? Priority.HIGH : p == 2 ? Priority.LOW : Priority.MEDIUM;
    }

    /** True when a data set follows this command. */
    public boolean hasDataset() {
        return usValue(COMMAND_DATASET_TYPE, NO_DATASET) != NO_DATASET;
    }

    /** (0000,0900) Status, or null for requests. */
    public DicomStatus status() {
        int s = usValue(STATUS, -1);
        return s < 0 ? null : new DicomStatus(s);
    }

    /** (0000,0902) Error Comment, or null. */
    public String errorComment() {
        return text(ERROR_COMMENT);
    }

    /** Sub-operation counts (remaining, completed, failed, warning); -1 for each one absent. */
    public int[] subOperations() {
        return new int[] {usValue(REMAINING, -1), usValue(COMPLETED, -1), usValue(FAILED, -1), usValue(WARNING, -1)};
    }

    /** The underlying elements (for logging and extensions). */
    public Dataset elements() {
        return elements;
    }

    // ---------------------------------------------------------------- encoding

    /** Encodes in Implicit VR Little Endian, with (0000,0000) Command Group Length first. */
    public byte[] encode() {
        try {
            ByteArrayOutputStream body = new ByteArrayOutputStream(256);
            DicomWriter.writeDataset(elements, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, body, EncodingOptions.DEFAULT);
            byte[] rest = body.toByteArray();
            byte[] out = new byte[12 + rest.length];
            // (0000,0000) UL, length 4, value = length of the rest of the group
            LittleEndian.put(out, 4, 4, 4);
            LittleEndian.put(out, 8, 4, rest.length);
            System.arraycopy(rest, 0, out, 12, rest.length);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen writing to memory", e);
        }
    }

    /**
     * Decodes a command set received from a peer.
     *
     * @throws MalformedDicomException when the bytes are not a command set with a command field
     */
    public static CommandSet decode(byte[] bytes) throws MalformedDicomException {
        Dataset ds;
        try {
            ds = DicomReader.readDataset(new ByteArrayInputStream(bytes), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                    ReadOptions.DEFAULT.withMaxDepth(2));
        } catch (MalformedDicomException e) {
            throw e;
        } catch (IOException e) {
            throw new MalformedDicomException("unreadable command set: " + e.getMessage(), 0, MalformedDicomException.NO_TAG, e);
        }
        for (int i = 0; i < ds.size(); i++) {
            if ((ds.tagAt(i) >>> 16) != 0) {
                throw new MalformedDicomException("element outside group 0000 in a command set", -1, ds.tagAt(i));
            }
        }
        CommandSet c = new CommandSet(ds);
        if (c.commandFieldCode() < 0) {
            throw new MalformedDicomException("command set without Command Field", -1, COMMAND_FIELD);
        }
        return c;
    }

    // ---------------------------------------------------------------- element access

    private void us(int tag, int value) {
        elements.setInt(tag, VR.US, value & 0xFFFF);
    }

    private int usValue(int tag, int missing) {
        byte[] raw = elements.getBytes(tag);
        return raw != null && raw.length >= 2 ? LittleEndian.uint16(raw, 0) : missing;
    }

    private void ui(int tag, String uid) {
        string(tag, VR.UI, Objects.requireNonNull(uid, "uid"));
    }

    private void string(int tag, VR vr, String value) {
        elements.setString(tag, vr, value);
    }

    private String text(int tag) {
        byte[] raw = elements.getBytes(tag);
        if (raw == null) {
            return null;
        }
        int end = raw.length;
        while (end > 0 && (raw[end - 1] == 0 || raw[end - 1] == ' ')) {
            end--;
        }
        int start = 0;
        while (start < end && raw[start] == ' ') {
            start++;
        }
        return new String(raw, start, end - start, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        CommandField field = commandField();
        StringBuilder sb = new StringBuilder(field != null ? field.toString() : String.format("command %04X", commandFieldCode()));
        int id = field != null && field.isRequest() ? messageId() : messageIdBeingRespondedTo();
        sb.append(" msg ").append(id);
        DicomStatus s = status();
        if (s != null) {
            sb.append(" status ").append(s);
        }
        return sb.toString();
    }
}
