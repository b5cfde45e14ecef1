package org.vesalius.vna.archive.api.query;

import org.vesalius.dicom.data.ElementDictionary;
import org.vesalius.dicom.data.Tag;

/** Turns an attribute named by keyword ({@code PatientName}) or tag ({@code 00100010}) into its tag. */
final class AttributeNames {

    private static final ElementDictionary DICTIONARY = ElementDictionary.standard();

    private AttributeNames() {
    }

    /**
     * The tag of a keyword or of eight hex digits.
     *
     * @throws InvalidQueryException naming {@code parameter} when it is neither
     */
    static int tagOf(String name, String parameter) {
        String s = name.strip();
        if (s.length() == 8 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Tag.parse(s);
        }
        int tag = DICTIONARY.tagOf(s);
        if (tag == -1) {
            throw new InvalidQueryException(parameter, "unknown attribute '" + s
                    + "' (expected a DICOM keyword such as PatientName or a tag such as 00100010)");
        }
        return tag;
    }

    /** The keyword of a tag, or its eight hex digits when it has none. */
    static String nameOf(int tag) {
        String keyword = DICTIONARY.keywordOf(tag);
        return keyword.isEmpty() ? Tag.toHexString(tag) : keyword;
    }
}
