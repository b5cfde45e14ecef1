package org.vesalius.dicom.data;

/**
 * Decodes one value field under DICOM's use of ISO 2022 (PS3.5 6.1.2.5): escape sequences
 * designate code elements to G0 or G1, bytes below 0x80 are read through G0 and bytes from
 * 0x80 through G1, and the designations of the first value of (0008,0005) come back at every
 * delimiter (see {@link SpecificCharacterSet#resetsDesignations}).
 *
 * <p>Lenient where data in the wild is sloppy: escape sequences for any code element of
 * Tables C.12-3/C.12-4 are honoured, declared or not; a G1 byte with nothing designated to
 * G1 is read through the first G1 element that (0008,0005) declares; anything else that
 * cannot be read becomes U+FFFD and sets {@link #malformed()}. A delimiter byte inside a
 * two-byte G0 run is a trail byte, not a delimiter, since the standard requires switching
 * back before a delimiter. One instance decodes one value; not thread-safe.
 */
final class Iso2022Decoder {

    private final CodeElement initialG0;
    private final CodeElement initialG1;
    private final CodeElement fallbackG1;
    private final VR vr;
    private CodeElement g0;
    private CodeElement g1;
    private boolean malformed;

    Iso2022Decoder(CodeElement initialG0, CodeElement initialG1, CodeElement fallbackG1, VR vr) {
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.fallbackG1 = fallbackG1;
        this.vr = vr;
    }

    String decode(byte[] bytes, int offset, int length) {
        StringBuilder out = new StringBuilder(length);
        g0 = initialG0;
        g1 = initialG1;
        int pos = offset;
        int end = offset + length;
        while (pos < end) {
            int b = bytes[pos] & 0xFF;
            if (b == CodeElement.ESC) {
                pos = designate(bytes, pos, end, out);
            } else if (b >= 0x80) {
                pos = decodeG1(bytes, pos, end, out);
            } else if (g0.width() == 2 && b > 0x20 && b < 0x7F) {
                int start = out.length();
                pos = g0.decodeRun(bytes, pos, end, out);
                checkReplacements(out, start);
            } else {
                out.append((char) b);
                if (SpecificCharacterSet.resetsDesignations(b, vr)) {
                    g0 = initialG0;
                    g1 = initialG1;
                }
                pos++;
            }
        }
        return out.toString();
    }

    /** True when some bytes could not be decoded and were replaced by U+FFFD. */
    boolean malformed() {
        return malformed;
    }

    private int designate(byte[] bytes, int pos, int end, StringBuilder out) {
        CodeElement element = CodeElement.matchEscape(bytes, pos, end);
        if (element != null) {
            if (element.area() == CodeElement.Area.G0) {
                g0 = element;
            } else {
                g1 = element;
            }
            return pos + element.escape().length;
        }
        // ISO 2022 escape sequence: ESC, intermediate bytes 02/00-02/15, one final byte 03/00-07/14.
        int next = pos + 1;
        while (next < end && bytes[next] >= 0x20 && bytes[next] <= 0x2F) {
            next++;
        }
        if (next < end && bytes[next] >= 0x30 && bytes[next] <= 0x7E) {
            next++;
        }
        out.append('\uFFFD');
        malformed = true;
        return next;
    }

    private int decodeG1(byte[] bytes, int pos, int end, StringBuilder out) {
        CodeElement element = g1 != null ? g1 : fallbackG1;
        if (element == null) {
            out.append('\uFFFD');
            malformed = true;
            return pos + 1;
        }
        int start = out.length();
        int next = element.decodeRun(bytes, pos, end, out);
        checkReplacements(out, start);
        return next;
    }

    private void checkReplacements(StringBuilder out, int from) {
        if (!malformed && out.indexOf("\uFFFD", from) >= 0) {
            malformed = true;
        }
    }
}
