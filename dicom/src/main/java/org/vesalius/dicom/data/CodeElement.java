package org.vesalius.dicom.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A coded character set that DICOM's ISO 2022 code extension techniques can designate to the
 * G0 (bytes 0x21-0x7E) or G1 (bytes 0xA0-0xFF) area.
 *
 * <p>The escape sequences are those of PS3.3 C.12.1.1.2, Tables C.12-3 (single-byte code
 * elements) and C.12-4 (multi-byte code elements), as required by PS3.5 6.1.2.5. The glyphs
 * themselves come from the JDK's charsets, which serve as lookup tables only: a 94x94 set in
 * G0 is decoded from its 7-bit form (x-JIS0208, JIS_X0212-1990) and one in G1 from its EUC
 * form (EUC-KR, GB2312), which is exactly the GR encoding ISO 2022 prescribes.
 */
enum CodeElement {
    // Table C.12-3: G0 sets.
    ISO_IR_6(Area.G0, 1, "US-ASCII", '(', 'B'),
    /** JIS X 0201 Romaji; decoded as ASCII so that 0x5C stays the value delimiter. */
    ISO_IR_14(Area.G0, 1, "US-ASCII", '(', 'J'),
    // Table C.12-3: G1 sets (96-character sets are designated with 02/13).
    ISO_IR_100(Area.G1, 1, "ISO-8859-1", '-', 'A'),
    ISO_IR_101(Area.G1, 1, "ISO-8859-2", '-', 'B'),
    ISO_IR_109(Area.G1, 1, "ISO-8859-3", '-', 'C'),
    ISO_IR_110(Area.G1, 1, "ISO-8859-4", '-', 'D'),
    ISO_IR_144(Area.G1, 1, "ISO-8859-5", '-', 'L'),
    ISO_IR_127(Area.G1, 1, "ISO-8859-6", '-', 'G'),
    ISO_IR_126(Area.G1, 1, "ISO-8859-7", '-', 'F'),
    ISO_IR_138(Area.G1, 1, "ISO-8859-8", '-', 'H'),
    ISO_IR_148(Area.G1, 1, "ISO-8859-9", '-', 'M'),
    ISO_IR_203(Area.G1, 1, "ISO-8859-15", '-', 'b'),
    /** ISO 8859-11 is TIS 620 plus NO-BREAK SPACE at 0xA0, which a 96-set has. */
    ISO_IR_166(Area.G1, 1, "x-iso-8859-11", '-', 'T'),
    /** JIS X 0201 Katakana (a 94-set, designated with 02/09). */
    ISO_IR_13(Area.G1, 1, "JIS_X0201", ')', 'I'),
    // Table C.12-4: multi-byte sets.
    ISO_IR_87(Area.G0, 2, "x-JIS0208", '$', 'B'),
    ISO_IR_159(Area.G0, 2, "JIS_X0212-1990", '$', '(', 'D'),
    ISO_IR_149(Area.G1, 2, "EUC-KR", '$', ')', 'C'),
    ISO_IR_58(Area.G1, 2, "GB2312", '$', ')', 'A');

    /** The ISO 2022 area a code element is designated to. */
    enum Area { G0, G1 }

    static final byte ESC = 0x1B;

    private final Area area;
    private final int width;
    private final Charset charset;
    private final byte[] escape;
    /** For single-byte G1 sets: the characters of bytes 0x80-0xFF, U+FFFD where unmapped. */
    private final char[] upperHalf;
    private final Map<Character, Byte> upperHalfIndex;

    CodeElement(Area area, int width, String charsetName, char... escapeTail) {
        this.area = area;
        this.width = width;
        this.charset = Charset.isSupported(charsetName) ? Charset.forName(charsetName) : null;
        this.escape = new byte[escapeTail.length + 1];
        escape[0] = ESC;
        for (int i = 0; i < escapeTail.length; i++) {
            escape[i + 1] = (byte) escapeTail[i];
        }
        if (area == Area.G1 && width == 1) {
            upperHalf = upperHalfOf(charset);
            upperHalfIndex = indexOf(upperHalf);
        } else {
            upperHalf = null;
            upperHalfIndex = Map.of();
        }
    }

    Area area() {
        return area;
    }

    /** Bytes per character: 1 or 2. */
    int width() {
        return width;
    }

    /** False when this Java runtime lacks the charset (a jlink image without jdk.charsets). */
    boolean isAvailable() {
        return charset != null;
    }

    /** The designating escape sequence, ESC included; callers must not modify it. */
    byte[] escape() {
        return escape;
    }

    /** The code element whose escape sequence starts at {@code pos} (an ESC byte), or null. */
    static CodeElement matchEscape(byte[] bytes, int pos, int end) {
        for (CodeElement e : values()) {
            byte[] esc = e.escape;
            if (end - pos >= esc.length && Arrays.equals(bytes, pos, pos + esc.length, esc, 0, esc.length)) {
                return e;
            }
        }
        return null;
    }

    /**
     * Decodes a run of bytes of this element's area starting at {@code pos}: one byte for a
     * single-byte G1 set, else the longest run of bytes in the area. Unmapped bytes become
     * U+FFFD.
     *
     * @return the position after the run
     */
    int decodeRun(byte[] bytes, int pos, int end, StringBuilder out) {
        if (width == 1) {
            if (area == Area.G0) {
                out.append((char) (bytes[pos] & 0x7F));
            } else {
                out.append(upperHalf[bytes[pos] & 0x7F]);
            }
            return pos + 1;
        }
        int runEnd = pos;
        while (runEnd < end && inArea(bytes[runEnd] & 0xFF)) {
            runEnd++;
        }
        if (charset == null) {
            out.repeat('\uFFFD', (runEnd - pos + 1) / 2);
        } else {
            out.append(new String(bytes, pos, runEnd - pos, charset));
        }
        return runEnd;
    }

    /** True for a byte that a multi-byte character of this element may contain. */
    private boolean inArea(int b) {
        return area == Area.G0 ? b > 0x20 && b < 0x7F : b >= 0x80;
    }

    /**
     * Whether this element can encode the code point; {@code encoder} is a fresh encoder of
     * {@link #newEncoder()} owned by the caller (null for single-byte elements).
     */
    boolean canEncode(int codePoint, CharsetEncoder encoder) {
        if (width == 1) {
            return area == Area.G0 ? codePoint < 0x80
                    : codePoint <= 0xFFFF && upperHalfIndex.containsKey((char) codePoint);
        }
        return encode(codePoint, encoder) != null;
    }

    /**
     * The bytes of one code point in this element, or null when it has none. Two-byte
     * results are checked to lie in the element's area, so that a JDK charset's own ASCII
     * range is never mistaken for part of the set.
     */
    byte[] encode(int codePoint, CharsetEncoder encoder) {
        if (width == 1) {
            if (area == Area.G0) {
                return codePoint < 0x80 ? new byte[] {(byte) codePoint} : null;
            }
            Byte b = codePoint <= 0xFFFF ? upperHalfIndex.get((char) codePoint) : null;
            return b == null ? null : new byte[] {b};
        }
        if (encoder == null || !Character.isBmpCodePoint(codePoint) || !encoder.canEncode((char) codePoint)) {
            return null;
        }
        try {
            encoder.reset();
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(new char[] {(char) codePoint}));
            if (buffer.remaining() != 2) {
                return null;
            }
            byte[] pair = {buffer.get(), buffer.get()};
            return inArea(pair[0] & 0xFF) && inArea(pair[1] & 0xFF) ? pair : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** A new encoder for a multi-byte element, null for single-byte ones or when unavailable. */
    CharsetEncoder newEncoder() {
        return width == 2 && charset != null ? charset.newEncoder() : null;
    }

    private static char[] upperHalfOf(Charset charset) {
        char[] table = new char[128];
        Arrays.fill(table, '\uFFFD');
        if (charset == null) {
            return table;
        }
        for (int b = 0x80; b <= 0xFF; b++) {
            String s = new String(new byte[] {(byte) b}, charset);
            if (s.length() == 1) {
                table[b - 0x80] = s.charAt(0);
            }
        }
        return table;
    }

    private static Map<Character, Byte> indexOf(char[] upperHalf) {
        Map<Character, Byte> index = new HashMap<>();
        for (int i = 0; i < upperHalf.length; i++) {
            char c = upperHalf[i];
            // C1 controls (0x80-0x9F) are not graphic characters of a G1 set.
            if (c != '\uFFFD' && i >= 0x20) {
                index.putIfAbsent(c, (byte) (i + 0x80));
            }
        }
        return Map.copyOf(index);
    }
}
