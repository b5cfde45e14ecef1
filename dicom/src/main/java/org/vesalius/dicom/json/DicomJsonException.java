package org.vesalius.dicom.json;

import java.io.IOException;

/**
 * DICOM JSON input that cannot be read: not JSON, truncated, or JSON that is not a DICOM JSON
 * data set (a key that is not a tag, an unknown VR, a value of the wrong type, nesting beyond
 * the limit...). Says where: line and column in the input, and the tag path when known.
 *
 * <p>The only exception {@link DicomJsonReader} throws for bad input, an {@link IOException} as
 * {@link org.vesalius.dicom.io.MalformedDicomException} is for Part 10 input; other
 * {@link IOException}s come from the underlying stream.
 */
public class DicomJsonException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final long line;
    private final long column;
    private final String path;

    /**
     * An error with its location.
     *
     * @param reason what is wrong
     * @param line   line in the input (from 1), or -1 when unknown
     * @param column column in the input (from 1), or -1 when unknown
     * @param path   the tag path of the attribute concerned, or null
     * @param cause  the parser's exception, or null
     */
    public DicomJsonException(String reason, long line, long column, String path, Throwable cause) {
        super(format(reason, line, column, path), cause);
        this.reason = reason;
        this.line = line;
        this.column = column;
        this.path = path;
    }

    /** What is wrong, without the location. */
    public String reason() {
        return reason;
    }

    /** Line of the input where the problem was found (from 1), or -1. */
    public long line() {
        return line;
    }

    /** Column of the input where the problem was found (from 1), or -1. */
    public long column() {
        return column;
    }

    /** Tag path ({@link TagPath} form) of the attribute concerned, or null. */
    public String path() {
        return path;
    }

    private static String format(String reason, long line, long column, String path) {
        StringBuilder sb = new StringBuilder(reason);
        if (path != null) {
            sb.append(" in attribute ").append(path);
        }
        if (line > 0) {
            sb.append(" at line ").append(line).append(", column ").append(column);
        }
        return sb.toString();
    }
}
