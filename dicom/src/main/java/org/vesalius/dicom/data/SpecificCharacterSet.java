package org.vesalius.dicom.data;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The character repertoires named by Specific Character Set (0008,0005), and the decoding and
 * encoding of text values under them (PS3.5 6.1, PS3.3 C.12.1.1.2).
 *
 * <p>Supported Defined Terms: the default repertoire ({@code ISO_IR 6} or absent);
 * {@code ISO_IR} 100, 101, 109, 110, 144, 127, 126, 138, 148, 203, 166 and 13; {@code ISO_IR 192}
 * (UTF-8), {@code GB18030} and {@code GBK}; and with code extensions {@code ISO 2022 IR} 6, 100,
 * 101, 109, 110, 144, 127, 126, 138, 148, 203, 166 and 13 plus the multi-byte {@code ISO 2022 IR}
 * 87 (JIS X 0208), 159 (JIS X 0212), 149 (KS X 1001) and 58 (GB 2312).
 *
 * <p>When (0008,0005) has several values, or a single {@code ISO 2022} value, values are read
 * and written with ISO 2022 escape sequences: an escape designates a code element to G0 or G1,
 * and the repertoire of the first value is active again after every delimiter: {@code ^},
 * {@code =} and {@code \} in PN; {@code \} in other multi-valued text; CR, LF, FF and TAB
 * everywhere. The JDK's own ISO-2022-JP and ISO-2022-KR codecs do not follow these rules,
 * which is why this class has its own.
 *
 * <p>Leniency, since (0008,0005) in the wild is often wrong:
 * <ul>
 *   <li>values may be blank- or NUL-padded, spelled with odd case or separators
 *       ({@code ISO_IR100}), or passed unsplit ({@code "ISO 2022 IR 13\ISO 2022 IR 87"});
 *       {@code ISO_IR nnn} and {@code ISO 2022 IR nnn} are treated alike in any position;
 *   <li>an unknown or unsupported first value is read as ISO 8859-1, which maps every byte to
 *       a character and so loses nothing; unknown further values are ignored; either is logged
 *       once as a warning;
 *   <li>escape sequences in a value are honoured even when (0008,0005) does not call for code
 *       extensions, except under UTF-8, GB18030 and GBK, where ESC is just a control character;
 *   <li>undecodable bytes become U+FFFD and are logged once per character set; this class
 *       never throws on data.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe. Equality compares the Defined Terms as given
 * (stripped of padding), so that a set can be written back unchanged.
 */
public final class SpecificCharacterSet {

    private static final Logger LOG = LoggerFactory.getLogger(SpecificCharacterSet.class);
    private static final byte[] EMPTY = {};

    /** The default character repertoire, ISO-IR 6 (ASCII): (0008,0005) absent or empty. */
    public static final SpecificCharacterSet ASCII = new SpecificCharacterSet(List.of(),
            StandardCharsets.US_ASCII, false, true, CodeElement.ISO_IR_6, null, List.of(CodeElement.ISO_IR_6));

    private final List<String> definedTerms;
    /** Reads and writes values when code extensions are not in use. */
    private final Charset charset;
    /** Whether values are written, and always read, with ISO 2022 escape sequences. */
    private final boolean codeExtensions;
    /** Whether escape sequences in a value are interpreted at all (not for UTF-8, GB18030, GBK). */
    private final boolean escapesAllowed;
    private final CodeElement initialG0;
    private final CodeElement initialG1;
    /** The code elements available for encoding, in (0008,0005) order, initial G0 first. */
    private final List<CodeElement> codeElements;
    /** Reads G1 bytes while nothing is designated to G1: the first G1 element declared. */
    private final CodeElement fallbackG1;

    SpecificCharacterSet(List<String> definedTerms, Charset charset, boolean codeExtensions,
            boolean escapesAllowed, CodeElement initialG0, CodeElement initialG1, List<CodeElement> codeElements) {
        this.definedTerms = definedTerms;
        this.charset = charset;
        this.codeExtensions = codeExtensions;
        this.escapesAllowed = escapesAllowed;
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.codeElements = codeElements;
        this.fallbackG1 = codeElements.stream().filter(e -> e.area() == CodeElement.Area.G1).findFirst().orElse(null);
    }

    /**
     * The character set named by the values of Specific Character Set (0008,0005).
     *
     * @param values the values as read: may be padded, the first may be empty (default
     *     repertoire with code extensions), may be a single backslash-separated string; null or
     *     no values mean the default repertoire
     * @return the character set; never null, never throws for unknown terms (see class notes)
     */
    public static SpecificCharacterSet of(String... values) {
        return CharacterSetFactory.of(values);
    }

    /**
     * The Defined Terms this set was made from, stripped of padding, in order; empty for
     * {@link #ASCII}. The first may be the empty string.
     */
    public List<String> definedTerms() {
        return definedTerms;
    }

    /** True for the default repertoire: (0008,0005) absent, empty or only {@code ISO_IR 6}. */
    public boolean isDefaultRepertoire() {
        return StandardCharsets.US_ASCII.equals(charset) && !codeExtensions;
    }

    /** True when values are written with ISO 2022 escape sequences (PS3.5 6.1.2.5). */
    public boolean usesCodeExtensions() {
        return codeExtensions;
    }

    /**
     * Decodes one raw value field: the whole, possibly backslash-separated, text of one
     * element. Only SH, LO, ST, LT, UC, UT and PN use this character set; other VRs are read as
     * ASCII. Padding (trailing spaces, or NUL) is not removed: callers strip it, because
     * whether a space is padding depends on the VR.
     *
     * @return the text; bytes that cannot be decoded appear as U+FFFD
     * @throws IndexOutOfBoundsException when offset and length lie outside {@code bytes}
     */
    public String decode(byte[] bytes, int offset, int length, VR vr) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        Objects.requireNonNull(vr, "vr");
        if (isSevenBitWithoutEscape(bytes, offset, length)) {
            return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
        }
        if (!vr.usesSpecificCharacterSet()) {
            return decodeWith(StandardCharsets.US_ASCII, bytes, offset, length, vr);
        }
        if (escapesAllowed && (codeExtensions || containsEscape(bytes, offset, length))) {
            Iso2022Decoder decoder = new Iso2022Decoder(initialG0, initialG1, fallbackG1, vr);
            String text = decoder.decode(bytes, offset, length);
            if (decoder.malformed()) {
                warnMalformed(vr);
            }
            return text;
        }
        return decodeWith(charset, bytes, offset, length, vr);
    }

    /** Decodes a whole array; see {@link #decode(byte[], int, int, VR)}. */
    public String decode(byte[] bytes, VR vr) {
        return decode(bytes, 0, bytes.length, vr);
    }

    /**
     * Encodes one value field (possibly several backslash-separated values) for an element of
     * the given VR, without padding. Under code extensions escape sequences are emitted per
     * value and PN component group and component, using the first code element in
     * (0008,0005) order that can encode each character. Characters that this set cannot
     * encode are written as {@code ?} and logged once; see {@link #canEncode(String)}.
     */
    public byte[] encode(String value, VR vr) {
        Objects.requireNonNull(vr, "vr");
        if (value.isEmpty()) {
            return EMPTY;
        }
        if (isAscii(value)) {
            return value.getBytes(StandardCharsets.ISO_8859_1);
        }
        if (!vr.usesSpecificCharacterSet()) {
            return encodeWith(StandardCharsets.US_ASCII, value, vr);
        }
        if (codeExtensions) {
            Iso2022Encoder encoder = new Iso2022Encoder(initialG0, initialG1, codeElements, vr);
            byte[] bytes = encoder.encode(value);
            if (encoder.unmappable()) {
                warnUnmappable(vr);
            }
            return bytes;
        }
        return encodeWith(charset, value, vr);
    }

    /** True when every character of {@code value} has an encoding in this character set. */
    public boolean canEncode(String value) {
        if (isAscii(value)) {
            return true;
        }
        if (!codeExtensions) {
            return charset.newEncoder().canEncode(value);
        }
        Map<CodeElement, CharsetEncoder> encoders = new HashMap<>();
        return value.codePoints().allMatch(cp -> codeElements.stream().anyMatch(e ->
                e.canEncode(cp, encoders.computeIfAbsent(e, CodeElement::newEncoder))));
    }

    /**
     * Whether byte {@code b} (an ASCII code) is a delimiter before which the repertoire of the
     * first value of (0008,0005) becomes active again (PS3.5 6.1.2.5.3).
     */
    static boolean resetsDesignations(int b, VR vr) {
        return switch (b) {
            case '\r', '\n', '\f', '\t' -> true;
            case '\\' -> vr.kind() == VR.Kind.TEXT;
            case '^', '=' -> vr == VR.PN;
            default -> false;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet other && definedTerms.equals(other.definedTerms);
    }

    @Override
    public int hashCode() {
        return definedTerms.hashCode();
    }

    /** For example {@code SpecificCharacterSet[\ISO 2022 IR 87]}, or {@code [default]}. */
    @Override
    public String toString() {
        return "SpecificCharacterSet[" + (definedTerms.isEmpty() ? "default" : String.join("\\", definedTerms)) + "]";
    }


    private String decodeWith(Charset cs, byte[] bytes, int offset, int length, VR vr) {
        String text = new String(bytes, offset, length, cs);
        // U+FFFD may be genuine text; only a strict re-decode tells.
        if (text.indexOf('\uFFFD') >= 0 && !decodesStrictly(cs, bytes, offset, length)) {
            warnMalformed(vr);
        }
        return text;
    }

    private static boolean decodesStrictly(Charset cs, byte[] bytes, int offset, int length) {
        try {
            cs.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private byte[] encodeWith(Charset cs, String value, VR vr) {
        if (!cs.newEncoder().canEncode(value)) {
            warnUnmappable(vr);
        }
        return value.getBytes(cs);
    }

    private void warnMalformed(VR vr) {
        LogOnce.warn(LOG, "malformed " + this + " " + vr,
                "Undecodable bytes in a {} value under {}; replaced by U+FFFD", vr, this);
    }

    private void warnUnmappable(VR vr) {
        LogOnce.warn(LOG, "unmappable " + this + " " + vr,
                "Characters of a {} value have no encoding in {}; written as '?'", vr, this);
    }

    private static boolean isSevenBitWithoutEscape(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] < 0 || bytes[i] == CodeElement.ESC) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsEscape(byte[] bytes, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            if (bytes[i] == CodeElement.ESC) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x80 || c == CodeElement.ESC) {
                return false;
            }
        }
        return true;
    }
}
