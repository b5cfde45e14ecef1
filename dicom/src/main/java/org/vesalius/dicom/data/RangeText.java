package org.vesalius.dicom.data;

/** The text handling the DA and TM range records share. */
final class RangeText {

    private RangeText() {
    }

    /**
     * Splits {@code A-B}, {@code A-}, {@code -B} into two parts (one may be empty) and
     * {@code A} into one, after removing padding.
     *
     * @throws IllegalArgumentException for empty text, a lone {@code -} or several hyphens
     */
    static String[] split(String text) {
        String s = TextPadding.strip(text);
        if (s.isEmpty()) {
            throw invalid(text, "empty range");
        }
        int hyphen = s.indexOf('-');
        if (hyphen < 0) {
            return new String[] {s};
        }
        if (s.indexOf('-', hyphen + 1) >= 0) {
            throw invalid(text, "more than one '-'");
        }
        if (s.length() == 1) {
            throw invalid(text, "a range needs at least one bound");
        }
        return new String[] {s.substring(0, hyphen), s.substring(hyphen + 1)};
    }

    static void checkBounds(Object from, Object to, boolean reversed, String raw) {
        if (from == null && to == null) {
            throw invalid(raw, "a range needs at least one bound");
        }
        if (reversed) {
            throw invalid(raw, "lower bound " + from + " is after upper bound " + to);
        }
    }

    /** The DICOM text of a range: {@code A-B}, {@code A-}, {@code -B}, or {@code A} when single. */
    static String join(String from, String to, boolean single) {
        if (single) {
            return from;
        }
        return (from == null ? "" : from) + "-" + (to == null ? "" : to);
    }

    static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("invalid range '" + text + "': " + reason);
    }
}
