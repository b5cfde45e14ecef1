package org.vesalius.dicom.data;

import java.util.ArrayList;
import java.util.List;

/** Splitting and trimming of decoded text values per PS3.5 6.2. */
final class TextValues {

    private static final String[] NONE = {};

    private TextValues() {
    }

    /**
     * Splits a decoded value at backslashes (not for LT, ST, UT, UR, which are single-valued) and
     * trims what the VR allows: leading and trailing spaces for most string VRs, trailing only for
     * LT/ST/UT/UR, and trailing NULs everywhere (seen in the wild after UIDs and strings).
     */
    static String[] split(String text, VR vr) {
        if (text == null) {
            return null;
        }
        if (text.isEmpty()) {
            return NONE;
        }
        if (vr.kind() == VR.Kind.SINGLE_TEXT) {
            String s = trimTrailing(text);
            return s.isEmpty() ? NONE : new String[] {s};
        }
        List<String> out = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\\') {
                out.add(trimBoth(text.substring(start, i), vr));
                start = i + 1;
            }
        }
        if (out.size() == 1 && out.get(0).isEmpty()) {
            return NONE;
        }
        return out.toArray(NONE);
    }

    private static String trimTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String trimBoth(String s, VR vr) {
        String t = trimTrailing(s);
        if (vr == VR.PN) {
            return t;
        }
        int start = 0;
        while (start < t.length() && t.charAt(start) == ' ') {
            start++;
        }
        return t.substring(start);
    }
}
