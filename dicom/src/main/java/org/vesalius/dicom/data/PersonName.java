package org.vesalius.dicom.data;

import java.util.Arrays;

/**
 * One value of a Person Name (PN) element (PS3.5 6.2.1): up to three component groups —
 * alphabetic, ideographic and phonetic, separated by {@code =} — each of up to five components
 * separated by {@code ^}.
 *
 * <p>Components are never null; a missing component or group is empty. {@link #parse(String)}
 * accepts anything, since names come from the wild: leading and trailing blanks (and NUL
 * padding) of each component are dropped, components past the fifth are joined to the name
 * suffix with a space, and groups past the third are ignored. Backslashes are not treated as
 * value separators; split multi-valued elements before parsing.
 *
 * @param alphabetic the first group, usually the only one
 * @param ideographic the second group (for example Kanji, Hanja, Hanzi)
 * @param phonetic the third group (for example Hiragana, Hangul)
 */
public record PersonName(Group alphabetic, Group ideographic, Group phonetic) {

    /** The name with all three groups empty. */
    public static final PersonName EMPTY = new PersonName(Group.EMPTY, Group.EMPTY, Group.EMPTY);

    /** Null groups become {@link Group#EMPTY}. */
    public PersonName {
        alphabetic = alphabetic == null ? Group.EMPTY : alphabetic;
        ideographic = ideographic == null ? Group.EMPTY : ideographic;
        phonetic = phonetic == null ? Group.EMPTY : phonetic;
    }

    /**
     * One component group: family name, given name, middle name, prefix and suffix.
     * Null components become empty strings.
     */
    public record Group(String familyName, String givenName, String middleName, String namePrefix, String nameSuffix) {

        /** The group with all five components empty. */
        public static final Group EMPTY = new Group("", "", "", "", "");

        /** Null components become empty strings. */
        public Group {
            familyName = familyName == null ? "" : familyName;
            givenName = givenName == null ? "" : givenName;
            middleName = middleName == null ? "" : middleName;
            namePrefix = namePrefix == null ? "" : namePrefix;
            nameSuffix = nameSuffix == null ? "" : nameSuffix;
        }

        /**
         * Parses one component group ({@code Family^Given^Middle^Prefix^Suffix}); lenient as
         * described on {@link PersonName}. Null gives {@link #EMPTY}.
         */
        public static Group parse(String text) {
            if (text == null || text.isEmpty()) {
                return EMPTY;
            }
            String[] parts = text.split("\\^", -1);
            String[] components = new String[5];
            for (int i = 0; i < 5; i++) {
                components[i] = i < parts.length ? TextPadding.strip(parts[i]) : "";
            }
            for (int i = 5; i < parts.length; i++) {
                String extra = TextPadding.strip(parts[i]);
                if (!extra.isEmpty()) {
                    components[4] = components[4].isEmpty() ? extra : components[4] + ' ' + extra;
                }
            }
            return new Group(components[0], components[1], components[2], components[3], components[4]);
        }

        /** True when all five components are empty. */
        public boolean isEmpty() {
            return familyName.isEmpty() && givenName.isEmpty() && middleName.isEmpty()
                    && namePrefix.isEmpty() && nameSuffix.isEmpty();
        }

        /** The components joined by {@code ^}, without trailing empty components. */
        public String toDicomString() {
            return joinDroppingTrailingEmpty('^', familyName, givenName, middleName, namePrefix, nameSuffix);
        }
    }

    /**
     * Parses one PN value. Never throws: null or blank text gives {@link #EMPTY}; see the class
     * description for how malformed names are read.
     */
    public static PersonName parse(String text) {
        if (text == null || text.isEmpty()) {
            return EMPTY;
        }
        String[] groups = text.split("=", -1);
        return new PersonName(
                Group.parse(groups[0]),
                groups.length > 1 ? Group.parse(groups[1]) : Group.EMPTY,
                groups.length > 2 ? Group.parse(groups[2]) : Group.EMPTY);
    }

    /** Builds a name with only an alphabetic group of family and given name. */
    public static PersonName of(String familyName, String givenName) {
        return new PersonName(new Group(familyName, givenName, "", "", ""), Group.EMPTY, Group.EMPTY);
    }

    /**
     * The name as a DICOM PN value: groups joined by {@code =} and components by {@code ^}, with
     * trailing empty components and groups (and their delimiters) dropped, as PS3.5 6.2.1
     * allows. An empty alphabetic group before a present one keeps its delimiter
     * ({@code =山田^太郎}).
     */
    public String toDicomString() {
        return joinDroppingTrailingEmpty('=', alphabetic.toDicomString(), ideographic.toDicomString(),
                phonetic.toDicomString());
    }

    /** The alphabetic group as DICOM text ({@code Yamada^Tarou}), possibly empty. */
    public String alphabeticText() {
        return alphabetic.toDicomString();
    }

    /** The ideographic group as DICOM text, possibly empty. */
    public String ideographicText() {
        return ideographic.toDicomString();
    }

    /** The phonetic group as DICOM text, possibly empty. */
    public String phoneticText() {
        return phonetic.toDicomString();
    }

    /** True when every component of every group is empty. */
    public boolean isEmpty() {
        return alphabetic.isEmpty() && ideographic.isEmpty() && phonetic.isEmpty();
    }

    private static String joinDroppingTrailingEmpty(char delimiter, String... parts) {
        int last = parts.length - 1;
        while (last >= 0 && parts[last].isEmpty()) {
            last--;
        }
        return String.join(String.valueOf(delimiter), Arrays.asList(parts).subList(0, last + 1));
    }
}
