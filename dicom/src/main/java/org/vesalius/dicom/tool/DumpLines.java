package org.vesalius.dicom.tool;

import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.ElementDictionary;
import org.vesalius.dicom.data.Length;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.SpecificCharacterSet;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/** The lines of a dcmdump-like listing: {@code (gggg,eeee) VR value # length, VM Keyword}. */
final class DumpLines {

    /** Values are shown up to about this many characters, then "...". */
    static final int VALUE_WIDTH = 64;
    private static final int COMMENT_COLUMN = 56;

    private final ElementDictionary dictionary = ElementDictionary.standard();
    private final StringBuilder out;

    DumpLines(StringBuilder out) {
        this.out = out;
    }

    /** A line for an element with a value (possibly a shortened preview of a longer one). */
    void element(int depth, int tag, VR vr, long length, Object value, SpecificCharacterSet charset) {
        String[] shown = render(vr, length, value, charset);
        line(depth, Tag.toString(tag).toLowerCase(java.util.Locale.ROOT) + " " + vr + " " + shown[0], length,
                Integer.parseInt(shown[1]), keyword(tag));
    }

    /** A line for an item of an encapsulated value, which dcmdump marks with the pseudo-VR "pi". */
    void fragment(int depth, long length, Object value) {
        String[] shown = render(VR.OB, length, value, SpecificCharacterSet.ASCII);
        line(depth, "(fffe,e000) pi " + shown[0], length, 1, "Item");
    }

    /** The value as shown, and its value multiplicity. */
    private static String[] render(VR vr, long length, Object value, SpecificCharacterSet charset) {
        if (value instanceof BulkDataRef ref) {
            return new String[] {"(not loaded: " + ref.length() + " bytes at offset " + ref.offset() + ")", "1"};
        }
        if (!(value instanceof byte[] raw) || raw.length == 0) {
            return new String[] {"(no value available)", "0"};
        }
        if (vr.isText()) {
            String trimmed = trimPadding(charset.decode(raw, 0, raw.length, vr));
            int vm = trimmed.isEmpty() ? 0 : vr.kind() == VR.Kind.SINGLE_TEXT ? 1 : count(trimmed, '\\') + 1;
            return new String[] {"[" + shorten(printable(trimmed), raw.length < length) + "]", Integer.toString(vm)};
        }
        int vm = switch (vr) {
            case OB, OD, OF, OL, OV, OW, UN -> 1;
            default -> (int) (length / Math.max(vr.bytesPerValue(), 1));
        };
        return new String[] {binary(vr, raw, raw.length < length), Integer.toString(vm)};
    }

    /** A structural line (sequence, item, delimiter, pixel sequence): {@code (gggg,eeee) VR (text)}. */
    void marker(int depth, int tag, String vr, String text, long length, int vm, String keyword) {
        line(depth, Tag.toString(tag).toLowerCase(java.util.Locale.ROOT) + " " + vr + " (" + text + ")", length, vm, keyword);
    }

    /** The keyword of {@code tag}: the dictionary's, PrivateCreator, or empty. */
    String keyword(int tag) {
        if (Tag.isPrivateCreator(tag)) {
            return "PrivateCreator";
        }
        if (Tag.isGroupLength(tag) && !Tag.isPrivate(tag)) {
            String k = dictionary.keywordOf(tag);
            return k == null || k.isEmpty() ? "GroupLength" : k;
        }
        String k = dictionary.keywordOf(tag);
        return k == null ? "" : k;
    }

    private void line(int depth, String content, long length, int vm, String keyword) {
        int start = out.length();
        out.append("  ".repeat(depth)).append(content);
        int used = out.length() - start - 2 * depth;
        out.append(" ".repeat(Math.max(1, COMMENT_COLUMN - used)));
        out.append("# ").append(Length.isUndefined(length) ? "u/l" : String.format("%3d", length))
                .append(", ").append(vm);
        if (!keyword.isEmpty()) {
            out.append(' ').append(keyword);
        }
        out.append('\n');
    }

    private static String binary(VR vr, byte[] raw, boolean partial) {
        StringBuilder sb = new StringBuilder();
        int width = switch (vr) {
            case OB, UN -> 1;
            default -> vr.bytesPerValue();
        };
        int count = raw.length / width;
        for (int i = 0; i < count; i++) {
            String v = value(vr, raw, i * width);
            if (sb.length() + v.length() + 1 > VALUE_WIDTH) {
                return sb.append("...").toString();
            }
            if (i > 0) {
                sb.append('\\');
            }
            sb.append(v);
        }
        return partial ? sb.append("...").toString() : sb.toString();
    }

    private static String value(VR vr, byte[] raw, int at) {
        return switch (vr) {
            case OB, UN -> String.format("%02x", raw[at] & 0xFF);
            case OW -> String.format("%04x", LittleEndian.uint16(raw, at));
            case OL -> String.format("%08x", LittleEndian.int32(raw, at));
            case OV -> String.format("%016x", LittleEndian.int64(raw, at));
            case AT -> Tag.toString(LittleEndian.tag(raw, at)).toLowerCase(java.util.Locale.ROOT);
            case US -> Integer.toString(LittleEndian.uint16(raw, at));
            case SS -> Integer.toString((short) LittleEndian.uint16(raw, at));
            case UL -> Long.toString(LittleEndian.int32(raw, at) & 0xFFFFFFFFL);
            case SL -> Integer.toString(LittleEndian.int32(raw, at));
            case UV -> Long.toUnsignedString(LittleEndian.int64(raw, at));
            case SV -> Long.toString(LittleEndian.int64(raw, at));
            case FL, OF -> Float.toString(Float.intBitsToFloat(LittleEndian.int32(raw, at)));
            case FD, OD -> Double.toString(Double.longBitsToDouble(LittleEndian.int64(raw, at)));
            default -> "?";
        };
    }

    private static String shorten(String s, boolean partial) {
        if (s.length() > VALUE_WIDTH) {
            return s.substring(0, VALUE_WIDTH) + "...";
        }
        return partial ? s + "..." : s;
    }

    /** Control characters (ISO 2022 escapes among them) would act on the terminal: shown as '.'. */
    private static String printable(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                if (sb == null) {
                    sb = new StringBuilder(s);
                }
                sb.setCharAt(i, '.');
            }
        }
        return sb == null ? s : sb.toString();
    }

    private static String trimPadding(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
