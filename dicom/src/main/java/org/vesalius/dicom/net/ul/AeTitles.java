package org.vesalius.dicom.net.ul;

/** Validation of our own AE titles (peers' titles are taken as they come, trimmed). */
final class AeTitles {

    private AeTitles() {
    }

    /** 1 to 16 characters of the default repertoire, no backslash or control characters, not all spaces (PS3.5 6.2). */
    static String check(String title) {
        if (title == null || title.isBlank() || title.length() > 16) {
            throw new IllegalArgumentException("AE title must be 1 to 16 characters, not blank: '" + title + "'");
        }
        for (int i = 0; i < title.length(); i++) {
            char c = title.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '\\') {
                throw new IllegalArgumentException("AE title contains a forbidden character: '" + title + "'");
            }
        }
        return title;
    }
}
