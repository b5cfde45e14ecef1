package org.vesalius.dicom.data;

/**
 * A DICOM attribute tag, represented as a plain {@code int}: {@code group << 16 | element}.
 *
 * <p>Tags are not wrapped in objects so that a dataset of thousands of elements costs no
 * per-element allocation. This class holds the static helpers that interpret such an
 * {@code int}. Named constants for every standard tag are generated into {@link Tags}.
 */
public final class Tag {

    /** (FFFE,E000) Item. */
    public static final int ITEM = 0xFFFEE000;
    /** (FFFE,E00D) Item Delimitation Item. */
    public static final int ITEM_DELIMITATION = 0xFFFEE00D;
    /** (FFFE,E0DD) Sequence Delimitation Item. */
    public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    /** (7FE0,0010) Pixel Data. */
    public static final int PIXEL_DATA = 0x7FE00010;
    /** (0008,0005) Specific Character Set. */
    public static final int SPECIFIC_CHARACTER_SET = 0x00080005;
    /** (0002,0010) Transfer Syntax UID. */
    public static final int TRANSFER_SYNTAX_UID = 0x00020010;
    /** (FFFC,FFFC) Data Set Trailing Padding. */
    public static final int TRAILING_PADDING = 0xFFFCFFFC;

    private Tag() {
    }

    /** Builds a tag from its group and element numbers (each 0..0xFFFF). */
    public static int of(int group, int element) {
        return (group & 0xFFFF) << 16 | (element & 0xFFFF);
    }

    /** The group number (upper 16 bits). */
    public static int group(int tag) {
        return tag >>> 16;
    }

    /** The element number (lower 16 bits). */
    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** True for tags in an odd group other than 0001, 0003, 0005, 0007 and FFFF (PS3.5 7.8.1). */
    public static boolean isPrivate(int tag) {
        int group = group(tag);
        return (group & 1) != 0 && group > 0x0007 && group != 0xFFFF;
    }

    /** True for a Private Creator element (gggg,0010-00FF) in a private group. */
    public static boolean isPrivateCreator(int tag) {
        int element = element(tag);
        return isPrivate(tag) && element >= 0x0010 && element <= 0x00FF;
    }

    /**
     * For a private data element (gggg,xxee) with xx in 10..FF, the tag of the Private Creator
     * element (gggg,00xx) that reserves its block; -1 when the tag is not such an element.
     */
    public static int creatorTagOf(int tag) {
        if (!isPrivate(tag)) {
            return -1;
        }
        int block = element(tag) >>> 8;
        if (block < 0x10) {
            return -1;
        }
        return (tag & 0xFFFF0000) | block;
    }

    /** True for group length elements (gggg,0000). */
    public static boolean isGroupLength(int tag) {
        return element(tag) == 0;
    }

    /** True for File Meta Information elements (group 0002). */
    public static boolean isFileMeta(int tag) {
        return group(tag) == 0x0002;
    }

    /** True for the item and delimitation tags of group FFFE. */
    public static boolean isItemOrDelimiter(int tag) {
        return tag == ITEM || tag == ITEM_DELIMITATION || tag == SEQUENCE_DELIMITATION;
    }

    /** Formats a tag as {@code (GGGG,EEEE)} with upper-case hex digits. */
    public static String toString(int tag) {
        char[] out = new char[11];
        out[0] = '(';
        out[5] = ',';
        out[10] = ')';
        writeHex(out, 1, tag >>> 16);
        writeHex(out, 6, tag & 0xFFFF);
        return new String(out);
    }

    /** Formats a tag as eight upper-case hex digits, the form DICOM JSON uses for keys. */
    public static String toHexString(int tag) {
        char[] out = new char[8];
        writeHex(out, 0, tag >>> 16);
        writeHex(out, 4, tag & 0xFFFF);
        return new String(out);
    }

    /**
     * Parses eight hex digits ({@code 00100010}) or the {@code (0010,0010)} form.
     *
     * @throws IllegalArgumentException when the text is neither
     */
    public static int parse(String text) {
        String s = text.strip();
        if (s.length() == 11 && s.charAt(0) == '(' && s.charAt(5) == ',' && s.charAt(10) == ')') {
            s = s.substring(1, 5) + s.substring(6, 10);
        }
        if (s.length() != 8) {
            throw new IllegalArgumentException("not a tag: '" + text + "'");
        }
        try {
            return (int) Long.parseLong(s, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a tag: '" + text + "'", e);
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static void writeHex(char[] out, int at, int value16) {
        out[at] = HEX[(value16 >>> 12) & 0xF];
        out[at + 1] = HEX[(value16 >>> 8) & 0xF];
        out[at + 2] = HEX[(value16 >>> 4) & 0xF];
        out[at + 3] = HEX[value16 & 0xF];
    }
}
