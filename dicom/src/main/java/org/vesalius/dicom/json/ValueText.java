package org.vesalius.dicom.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.vesalius.dicom.data.VR;

/** Splitting, trimming and number syntax of decoded string values, as DICOM JSON and XML need them. */
final class ValueText {

    private static final String[] NONE = {};
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern DECIMAL_STRING = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");
    private static final Pattern INTEGER_STRING = Pattern.compile("[+-]?[0-9]+");

    private ValueText() {
    }

    /**
     * The values of a decoded string: split at backslashes (except LT, ST, UT and UR, which have
     * one value), trailing spaces and NULs removed, and leading spaces too where PS3.5 says they
     * are not significant. An empty value among several is null (PS3.18 F.2.5); when every value
     * is empty the result is empty.
     */
    static String[] split(String text, VR vr) {
        if (text.isEmpty()) {
            return NONE;
        }
        if (vr.kind() == VR.Kind.SINGLE_TEXT) {
            String s = trimTrailing(text);
            return s.isEmpty() ? NONE : new String[] {s};
        }
        boolean leading = leadingSpacesInsignificant(vr);
        List<String> out = new ArrayList<>(4);
        boolean any = false;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\\') {
                String s = trimTrailing(text.substring(start, i));
                if (leading) {
                    s = s.stripLeading();
                } else if (vr == VR.PN && onlyDelimiters(s)) {
                    s = ""; // "^^^^" or "==" names nobody: trailing delimiters may be left out (PS3.5 6.2.1)
                }
                any |= !s.isEmpty();
                out.add(s.isEmpty() ? null : s);
                start = i + 1;
            }
        }
        return any ? out.toArray(NONE) : NONE;
    }

    private static boolean onlyDelimiters(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '^' && c != '=' && c != ' ') {
                return false;
            }
        }
        return true;
    }

    /** PS3.5 6.2: leading spaces are padding for these VRs, significant for PN, UC, UI and text. */
    private static boolean leadingSpacesInsignificant(VR vr) {
        return switch (vr) {
            case AE, AS, CS, DA, DS, DT, IS, LO, SH, TM -> true;
            default -> false;
        };
    }

    static String trimTrailing(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** The three component groups of a person name (Alphabetic, Ideographic, Phonetic); absent ones are "". */
    static String[] personNameGroups(String value) {
        String[] groups = {"", "", ""};
        int start = 0;
        for (int g = 0; g < 3; g++) {
            int eq = g < 2 ? value.indexOf('=', start) : -1;
            int end = eq < 0 ? value.length() : eq;
            groups[g] = trimTrailing(value.substring(start, end));
            if (eq < 0) {
                break;
            }
            start = eq + 1;
        }
        return groups;
    }

    /**
     * The JSON number syntax of a DS or IS value, keeping its digits ({@code "+1.50"} gives
     * {@code 1.50}), or null when the value is not a valid DS or IS, or lies beyond the range of
     * a double, so the caller writes a string instead.
     */
    static String jsonNumber(String value, VR vr) {
        if (vr == VR.IS ? !INTEGER_STRING.matcher(value).matches() : !DECIMAL_STRING.matcher(value).matches()) {
            return null;
        }
        if (!Double.isFinite(Double.parseDouble(value))) {
            return null; // beyond double range: most JSON consumers would read infinity
        }
        if (JSON_NUMBER.matcher(value).matches()) {
            return value;
        }
        try {
            // Leading '+', leading zeros, "5." or ".5" are valid DICOM but not JSON.
            return vr == VR.IS ? new BigInteger(value).toString() : new BigDecimal(value).toString();
        } catch (NumberFormatException e) {
            return null; // an exponent beyond what BigDecimal holds
        }
    }

    /**
     * Replaces what cannot be written as UTF-8 (unpaired surrogates) with U+FFFD. Strings decoded
     * from bytes never have them; strings a caller built might.
     */
    static String wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return replaceUnpairedSurrogates(s);
            }
        }
        return s;
    }

    private static String replaceUnpairedSurrogates(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                sb.append(c).append(s.charAt(++i));
            } else {
                sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return sb.toString();
    }
}
