package org.vesalius.vna.archive.api.query;

import java.text.Normalizer;
import java.util.Locale;
import org.vesalius.dicom.data.PersonName;

/**
 * The form in which person names are compared: each component group in its DICOM text form
 * ({@code Family^Given^Middle^Prefix^Suffix}, trailing empty components dropped, blanks around
 * components removed), lower case (root locale), and without the combining accents of
 * U+0300..U+036F (so {@code Müller} matches {@code muller}). Other marks stay: the Japanese
 * voicing marks, for example, distinguish different kana. Letters such as ß, æ or ø are not
 * folded.
 *
 * <p>Both the index and the query use this form, so PN matching is case- and accent-insensitive
 * on every component group, by single value and by wild card.
 */
public final class PersonNames {

    private PersonNames() {
    }

    /** One component group's text in comparison form. */
    public static String normalize(String groupText) {
        String canonical = PersonName.Group.parse(groupText).toDicomString();
        return fold(canonical);
    }

    /** The three groups of a name in comparison form (empty strings for empty groups). */
    public static String[] normalizedGroups(PersonName name) {
        return new String[] {
            fold(name.alphabeticText()), fold(name.ideographicText()), fold(name.phoneticText())
        };
    }

    /** Lower case without the combining accents of U+0300..U+036F; wild card characters pass. */
    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (c < '\u0300' || c > '\u036f') {
                out.append(c);
            }
        }
        return Normalizer.normalize(out, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
