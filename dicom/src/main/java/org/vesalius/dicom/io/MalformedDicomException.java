package org.vesalius.dicom.io;

import java.io.IOException;
import org.vesalius.dicom.data.Tag;

/**
 * The input is not valid DICOM, or ends before the encoding says it should. Says what is wrong
 * and where: the byte offset in the input (in the inflated stream for deflated data sets) and,
 * when known, the tag of the element being read.
 *
 * <p>This is the only exception the readers throw for bad input; other {@link IOException}s come
 * from the underlying stream.
 */
public class MalformedDicomException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Tag value used when no element is concerned. */
    public static final int NO_TAG = -1;

    private final long offset;
    private final int tag;
    private final String reason;

    /** An error at {@code offset} while reading {@code tag} (or {@link #NO_TAG}). */
    public MalformedDicomException(String reason, long offset, int tag) {
        super(format(reason, offset, tag));
        this.reason = reason;
        this.offset = offset;
        this.tag = tag;
    }

    /** Same, with the cause. */
    public MalformedDicomException(String reason, long offset, int tag, Throwable cause) {
        super(format(reason, offset, tag), cause);
        this.reason = reason;
        this.offset = offset;
        this.tag = tag;
    }

    /** Byte offset in the input where the problem was found, or -1 when unknown. */
    public long offset() {
        return offset;
    }

    /** The tag of the element being read, or {@link #NO_TAG}. */
    public int tag() {
        return tag;
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }

    private static String format(String reason, long offset, int tag) {
        StringBuilder sb = new StringBuilder(reason);
        if (tag != NO_TAG) {
            sb.append(" in element ").append(Tag.toString(tag));
        }
        if (offset >= 0) {
            sb.append(" at byte offset ").append(offset);
        }
        return sb.toString();
    }
}
