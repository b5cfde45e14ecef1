package org.vesalius.dicom.json;

/** What XML 1.0 can carry: text without the characters it forbids, and xs:double lexical forms. */
final class XmlText {

    private XmlText() {
    }

    /**
     * {@code s} with every character XML 1.0 forbids, even escaped (NUL and the other C0 controls
     * except TAB, LF and CR; U+FFFE, U+FFFF; unpaired surrogates), replaced by U+FFFD.
     */
    static String clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0xD800) {
                return replaceForbidden(s);
            }
        }
        return s;
    }

    private static String replaceForbidden(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                sb.append('\uFFFD');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A float as xs:float text: NaN, INF and -INF for the values that are not finite. */
    static String floating(float f) {
        if (Math.abs(f) < Float.MIN_NORMAL && f != 0) {
            return Double.toString(f); // the shortest float text of a subnormal is too coarse
        }
        return Float.isNaN(f) ? "NaN" : Float.isInfinite(f) ? (f > 0 ? "INF" : "-INF") : Float.toString(f);
    }

    /** A double as xs:double text. */
    static String floating(double d) {
        return Double.isNaN(d) ? "NaN" : Double.isInfinite(d) ? (d > 0 ? "INF" : "-INF") : Double.toString(d);
    }
}
