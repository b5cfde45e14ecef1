package org.vesalius.dicom.data;

/** Removes the padding of text values: blanks, and the NULs some writers use instead. */
final class TextPadding {

    private TextPadding() {
    }

    /** Null to empty; drops blanks and NULs at both ends, keeping any other whitespace. */
    static String strip(String text) {
        if (text == null) {
            return "";
        }
        int start = 0;
        int end = text.length();
        while (start < end && isPadding(text.charAt(start))) {
            start++;
        }
        while (end > start && isPadding(text.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == text.length() ? text : text.substring(start, end);
    }

    private static boolean isPadding(char c) {
        return c == ' ' || c == '\0';
    }
}
