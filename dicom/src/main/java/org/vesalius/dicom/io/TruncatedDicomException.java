package org.vesalius.dicom.io;

/** The input ended before the encoding said it would: a truncated file or stream. */
public class TruncatedDicomException extends MalformedDicomException {

    private static final long serialVersionUID = 1L;

    /** The input ended at {@code offset} while {@code needed} more bytes were expected. */
    public TruncatedDicomException(long needed, long offset, int tag) {
        super("unexpected end of input, " + needed + " more byte(s) expected", offset, tag);
    }
}
