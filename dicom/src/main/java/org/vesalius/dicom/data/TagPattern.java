package org.vesalius.dicom.data;

/**
 * A tag with wildcard hex digits, written as in the dictionary resources: eight characters,
 * hex digits or {@code x} for "any digit", e.g. {@code 60xx3000} for (60xx,3000). A tag
 * {@code t} matches when {@code (t & mask) == value}.
 */
record TagPattern(int value, int mask) {

    /** Every bit significant: a single tag. */
    static final int EXACT = 0xFFFFFFFF;

    static TagPattern parse(String text) {
        if (text.length() != 8) {
            throw new IllegalStateException("not a tag pattern: '" + text + "'");
        }
        int value = 0;
        int mask = 0;
        for (int i = 0; i < 8; i++) {
            char c = text.charAt(i);
            value <<= 4;
            mask <<= 4;
            if (c != 'x') {
                int digit = Character.digit(c, 16);
                if (digit < 0) {
                    throw new IllegalStateException("not a tag pattern: '" + text + "'");
                }
                value |= digit;
                mask |= 0xF;
            }
        }
        return new TagPattern(value, mask);
    }
}
