package org.vesalius.dicom.data;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The Defined Terms of Specific Character Set (0008,0005), PS3.3 C.12.1.1.2: Table C.12-2
 * ({@code ISO_IR nnn}, no code extensions), Table C.12-3 and C.12-4 ({@code ISO 2022 IR nnn},
 * with code extensions) and Table C.12-5 (multi-byte sets without code extensions).
 *
 * <p>A single-byte term names the code elements it puts in G0 and G1; the {@code ISO_IR} and
 * {@code ISO 2022 IR} spellings of one term share them. {@link #directCharset()} decodes a
 * value that contains no escape sequence in one call to the JDK.
 */
enum DefinedTerm {
    IR_6("ISO_IR 6", "ISO 2022 IR 6", CodeElement.ISO_IR_6, null, "US-ASCII"),
    IR_100("ISO_IR 100", "ISO 2022 IR 100", CodeElement.ISO_IR_6, CodeElement.ISO_IR_100, "ISO-8859-1"),
    IR_101("ISO_IR 101", "ISO 2022 IR 101", CodeElement.ISO_IR_6, CodeElement.ISO_IR_101, "ISO-8859-2"),
    IR_109("ISO_IR 109", "ISO 2022 IR 109", CodeElement.ISO_IR_6, CodeElement.ISO_IR_109, "ISO-8859-3"),
    IR_110("ISO_IR 110", "ISO 2022 IR 110", CodeElement.ISO_IR_6, CodeElement.ISO_IR_110, "ISO-8859-4"),
    IR_144("ISO_IR 144", "ISO 2022 IR 144", CodeElement.ISO_IR_6, CodeElement.ISO_IR_144, "ISO-8859-5"),
    IR_127("ISO_IR 127", "ISO 2022 IR 127", CodeElement.ISO_IR_6, CodeElement.ISO_IR_127, "ISO-8859-6"),
    IR_126("ISO_IR 126", "ISO 2022 IR 126", CodeElement.ISO_IR_6, CodeElement.ISO_IR_126, "ISO-8859-7"),
    IR_138("ISO_IR 138", "ISO 2022 IR 138", CodeElement.ISO_IR_6, CodeElement.ISO_IR_138, "ISO-8859-8"),
    IR_148("ISO_IR 148", "ISO 2022 IR 148", CodeElement.ISO_IR_6, CodeElement.ISO_IR_148, "ISO-8859-9"),
    IR_203("ISO_IR 203", "ISO 2022 IR 203", CodeElement.ISO_IR_6, CodeElement.ISO_IR_203, "ISO-8859-15"),
    IR_166("ISO_IR 166", "ISO 2022 IR 166", CodeElement.ISO_IR_6, CodeElement.ISO_IR_166, "x-iso-8859-11"),
    IR_13("ISO_IR 13", "ISO 2022 IR 13", CodeElement.ISO_IR_14, CodeElement.ISO_IR_13, "JIS_X0201"),
    IR_87(null, "ISO 2022 IR 87", CodeElement.ISO_IR_87, null, null),
    IR_159(null, "ISO 2022 IR 159", CodeElement.ISO_IR_159, null, null),
    IR_149(null, "ISO 2022 IR 149", null, CodeElement.ISO_IR_149, "EUC-KR"),
    IR_58(null, "ISO 2022 IR 58", null, CodeElement.ISO_IR_58, "GB2312"),
    IR_192("ISO_IR 192", null, null, null, "UTF-8"),
    GB18030("GB18030", null, null, null, "GB18030"),
    GBK("GBK", null, null, null, "GBK");

    private static final Map<String, DefinedTerm> BY_KEY = new HashMap<>();

    static {
        for (DefinedTerm term : values()) {
            for (String spelling : new String[] {term.plain, term.extended}) {
                if (spelling != null) {
                    BY_KEY.put(key(spelling), term);
                }
            }
        }
    }

    private final String plain;
    private final String extended;
    private final CodeElement g0;
    private final CodeElement g1;
    private final Charset directCharset;

    DefinedTerm(String plain, String extended, CodeElement g0, CodeElement g1, String charsetName) {
        this.plain = plain;
        this.extended = extended;
        this.g0 = g0;
        this.g1 = g1;
        this.directCharset = charsetName != null && Charset.isSupported(charsetName)
                ? Charset.forName(charsetName) : null;
    }

    /**
     * The term spelled by {@code value}, or null when unknown. Spelling is matched leniently:
     * case, blanks, underscores and hyphens are ignored, so {@code "ISO_IR100"} and
     * {@code "iso-ir 100"} are found too, and {@code ISO_IR nnn} and {@code ISO 2022 IR nnn}
     * name the same term (see https://github.com/dcm4che/dcm4che/issues/869).
     */
    static DefinedTerm lookup(String value) {
        return BY_KEY.get(key(value));
    }

    private static String key(String spelling) {
        StringBuilder sb = new StringBuilder(spelling.length());
        for (int i = 0; i < spelling.length(); i++) {
            char c = spelling.charAt(i);
            if (c != ' ' && c != '_' && c != '-') {
                sb.append(c);
            }
        }
        String s = sb.toString().toUpperCase(Locale.ROOT);
        return s.startsWith("ISO2022IR") ? "ISOIR" + s.substring("ISO2022IR".length()) : s;
    }

    /** The spelling without code extensions ({@code ISO_IR 100}), or null when there is none. */
    String plainSpelling() {
        return plain;
    }

    /** The spelling with code extensions ({@code ISO 2022 IR 100}), or null when there is none. */
    String extendedSpelling() {
        return extended;
    }

    /** The code element this term designates to G0, or null (G1-only multi-byte sets). */
    CodeElement g0() {
        return g0;
    }

    /** The code element this term designates to G1, or null. */
    CodeElement g1() {
        return g1;
    }

    /** True for UTF-8, GB18030 and GBK, which PS3.3 forbids to combine with code extensions. */
    boolean excludesCodeExtensions() {
        return g0 == null && g1 == null;
    }

    /** The JDK charset that decodes a value of this term without escapes, or null. */
    Charset directCharset() {
        return directCharset;
    }

    /** False when this runtime lacks a charset the term needs. */
    boolean isAvailable() {
        return (g0 == null || g0.isAvailable()) && (g1 == null || g1.isAvailable())
                && (directCharset != null || g0 == CodeElement.ISO_IR_87 || g0 == CodeElement.ISO_IR_159);
    }
}
