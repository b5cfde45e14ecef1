package org.vesalius.dicom.net;

/**
 * A value taken from the wire (a UID, an AE title, an Error Comment, a source) made safe for one
 * log line: control characters would let a peer forge or split lines, so CR, LF, tab, every other
 * C0 and C1 control, DEL and the Unicode line and paragraph separators are written as escapes
 * ({@code \n}, {@code \r}, {@code \t}, {@code \u001b}), and a backslash as {@code \\}, so an escape
 * in the log always stands for one character of the value and never for itself.
 *
 * <p>Pass {@link #of} as a logging argument to escape only when the line is written, or call
 * {@link #escape} where a line is built by hand.
 *
 * @param value the raw value; null is logged as {@code null}
 */
public record LogValue(Object value) {

    /** {@code value}, escaped when the log line is formatted. */
    public static LogValue of(Object value) {
        return new LogValue(value);
    }

    /** {@code text} with control characters and backslashes escaped; the same string when it has none. */
    public static String escape(String text) {
        if (text == null) {
            return "null";
        }
        int first = 0;
        while (first < text.length() && !needsEscape(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean needsEscape(char c) {
        return c < 0x20 || c == '\\' || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }

    @Override
    public String toString() {
        return escape(value == null ? null : value.toString());
    }
}
