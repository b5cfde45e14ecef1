package org.vesalius.dicom.net.ul;

import java.io.InputStream;
import java.util.Objects;

/**
 * One message received on an association (PS3.7 Annex E / PS3.8 Annex E): the command set,
 * buffered since it is small, and the data set as a stream over the PDVs that follow.
 */
public final class IncomingMessage {

    /** (0000,0800) Command Data Set Type. */
    private static final int COMMAND_DATA_SET_TYPE = 0x00000800;
    /** Command Data Set Type value meaning "no data set". */
    private static final int NO_DATA_SET = 0x0101;

    private final PresentationContext context;
    private final byte[] command;
    private final PDataInputStream dataSet;

    IncomingMessage(PresentationContext context, byte[] command, PDataInputStream dataSet) {
        this.context = Objects.requireNonNull(context);
        this.command = command;
        this.dataSet = dataSet;
    }

    /** The presentation context the message arrived on. */
    public PresentationContext presentationContext() {
        return context;
    }

    /** The presentation context ID. */
    public int presentationContextId() {
        return context.id();
    }

    /** The command set, encoded in Implicit VR Little Endian (a copy). */
    public byte[] command() {
        return command.clone();
    }

    /** True when the command's Command Data Set Type announces a data set. */
    public boolean hasDataSet() {
        return dataSet != null;
    }

    /**
     * The data set, encoded in the context's transfer syntax. The stream ends after the last
     * fragment and throws {@link AssociationAbortedException} if the association ends before it.
     * Read it during {@link MessageHandler#onMessage} only.
     *
     * @throws IllegalStateException when the message has no data set
     */
    public InputStream dataSet() {
        if (dataSet == null) {
            throw new IllegalStateException("the command announces no data set");
        }
        return dataSet;
    }

    PDataInputStream dataSetStream() {
        return dataSet;
    }

    /**
     * Whether a command set announces a data set: its (0000,0800) is present and not 0101H. The
     * command is scanned as Implicit VR Little Endian; a malformed command counts as having none.
     */
    static boolean declaresDataSet(byte[] command) {
        int pos = 0;
        while (pos + 8 <= command.length) {
            int tag = (u16(command, pos) << 16) | u16(command, pos + 2);
            long length = u16(command, pos + 4) | ((long) u16(command, pos + 6) << 16);
            pos += 8;
            if (tag == COMMAND_DATA_SET_TYPE) {
                return length >= 2 && pos + 2 <= command.length && u16(command, pos) != NO_DATA_SET;
            }
            if (length > command.length - pos) {
                return false;
            }
            pos += (int) length;
        }
        return false;
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }
}
