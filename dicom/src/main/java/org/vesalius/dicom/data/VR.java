package org.vesalius.dicom.data;

/**
 * The 34 Value Representations of PS3.5 Table 6.2-1.
 *
 * <p>Each constant knows its two-character code, whether Explicit VR encodings give it the
 * 12-byte header with a 32-bit length, the byte that pads its values to even length, and how
 * its value is interpreted.
 */
public enum VR {
    AE(Kind.TEXT, false, ' ', 16),
    AS(Kind.TEXT, false, ' ', 4),
    AT(Kind.BINARY, false, 0, 4),
    CS(Kind.TEXT, false, ' ', 16),
    DA(Kind.TEXT, false, ' ', 8),
    DS(Kind.TEXT, false, ' ', 16),
    DT(Kind.TEXT, false, ' ', 26),
    FD(Kind.BINARY, false, 0, 8),
    FL(Kind.BINARY, false, 0, 4),
    IS(Kind.TEXT, false, ' ', 12),
    LO(Kind.TEXT, false, ' ', 64),
    LT(Kind.SINGLE_TEXT, false, ' ', 10240),
    OB(Kind.BINARY, true, 0, 1),
    OD(Kind.BINARY, true, 0, 8),
    OF(Kind.BINARY, true, 0, 4),
    OL(Kind.BINARY, true, 0, 4),
    OV(Kind.BINARY, true, 0, 8),
    OW(Kind.BINARY, true, 0, 2),
    PN(Kind.TEXT, false, ' ', 64),
    SH(Kind.TEXT, false, ' ', 16),
    SL(Kind.BINARY, false, 0, 4),
    SQ(Kind.SEQUENCE, true, 0, 0),
    SS(Kind.BINARY, false, 0, 2),
    ST(Kind.SINGLE_TEXT, false, ' ', 1024),
    SV(Kind.BINARY, true, 0, 8),
    TM(Kind.TEXT, false, ' ', 14),
    UC(Kind.TEXT, true, ' ', 0),
    UI(Kind.TEXT, false, 0, 64),
    UL(Kind.BINARY, false, 0, 4),
    UN(Kind.BINARY, true, 0, 1),
    UR(Kind.SINGLE_TEXT, true, ' ', 0),
    US(Kind.BINARY, false, 0, 2),
    UT(Kind.SINGLE_TEXT, true, ' ', 0),
    UV(Kind.BINARY, true, 0, 8);

    /** How a value of a VR is interpreted. */
    public enum Kind {
        /** Character string whose values are separated by backslash. */
        TEXT,
        /** Character string with a single value that may contain backslashes (LT, ST, UT, UR). */
        SINGLE_TEXT,
        /** Fixed-size binary numbers or bytes. */
        BINARY,
        /** A sequence of items. */
        SEQUENCE
    }

    private static final VR[] BY_CODE = new VR[1 << 16];

    static {
        for (VR vr : values()) {
            BY_CODE[vr.code] = vr;
        }
    }

    private final int code;
    private final Kind kind;
    private final boolean longHeader;
    private final byte paddingByte;
    private final int sizeOrMaxLength;

    VR(Kind kind, boolean longHeader, int paddingByte, int sizeOrMaxLength) {
        this.code = name().charAt(0) << 8 | name().charAt(1);
        this.kind = kind;
        this.longHeader = longHeader;
        this.paddingByte = (byte) paddingByte;
        this.sizeOrMaxLength = sizeOrMaxLength;
    }

    /** The two ASCII characters of the VR as a 16-bit big-endian number ('P' &lt;&lt; 8 | 'N'). */
    public int code() {
        return code;
    }

    /** How values of this VR are interpreted. */
    public Kind kind() {
        return kind;
    }

    /** True when the Explicit VR header is 12 bytes (2 reserved bytes and a 32-bit length). */
    public boolean hasLongHeader() {
        return longHeader;
    }

    /** Header length in Explicit VR encodings: 8 or 12. */
    public int explicitHeaderLength() {
        return longHeader ? 12 : 8;
    }

    /** The byte that pads an odd-length value to even length: space for text, NUL for UI and binary. */
    public byte paddingByte() {
        return paddingByte;
    }

    /** True for character strings (multi-valued or not). */
    public boolean isText() {
        return kind == Kind.TEXT || kind == Kind.SINGLE_TEXT;
    }

    /** True for fixed-size binary values (including OB and UN). */
    public boolean isBinary() {
        return kind == Kind.BINARY;
    }

    /** True when values of this VR are affected by Specific Character Set (SH, LO, ST, LT, UC, UT, PN). */
    public boolean usesSpecificCharacterSet() {
        return switch (this) {
            case SH, LO, ST, LT, UC, UT, PN -> true;
            default -> false;
        };
    }

    /**
     * For binary VRs, the size in bytes of one number, which is also the unit of byte swapping
     * between little and big endian (AT swaps as two 2-byte halves; OB and UN never swap).
     * 0 for text and sequences.
     */
    public int bytesPerValue() {
        return kind == Kind.BINARY ? sizeOrMaxLength : 0;
    }

    /** The unit in which big-endian values are swapped: 1 means never swapped. */
    public int swapUnit() {
        return switch (this) {
            case AT -> 2;
            case OB, UN -> 1;
            default -> kind == Kind.BINARY ? sizeOrMaxLength : 1;
        };
    }

    /** The maximum length in bytes (or characters for PN components) of one value; 0 = unlimited. */
    public int maxValueLength() {
        return kind == Kind.BINARY ? 0 : sizeOrMaxLength;
    }

    /** The VR whose two-character code is {@code code}, or null when no VR has that code. */
    public static VR ofCode(int code) {
        return (code & ~0xFFFF) == 0 ? BY_CODE[code] : null;
    }

    /** The VR named by two characters, or null when none is. */
    public static VR ofName(String name) {
        if (name == null || name.length() != 2) {
            return null;
        }
        return ofCode(name.charAt(0) << 8 | name.charAt(1));
    }
}
