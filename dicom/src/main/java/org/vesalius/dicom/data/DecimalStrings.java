package org.vesalius.dicom.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Parses and formats one value of the numeric string VRs IS (Integer String) and DS (Decimal
 * String), PS3.5 Table 6.2-1.
 *
 * <p>Parsing is lenient where writers commonly are sloppy — leading and trailing blanks or
 * NULs, a leading {@code +}, an exponent in either case for DS — and returns an empty optional
 * for anything else (an empty value, {@code NaN}, {@code Infinity}, hexadecimal, a decimal
 * comma, Java suffixes such as {@code 1d}), so that a bad value in one element never aborts
 * reading a data set. Split multi-valued elements at the backslash first.
 */
public final class DecimalStrings {

    /** The most characters a DS value may have. */
    static final int DS_MAX_LENGTH = 16;

    private DecimalStrings() {
    }

    /**
     * Parses an IS value. Values beyond the 32-bit range PS3.5 allows are still returned when
     * they fit a {@code long}, since some writers exceed it; {@link #isInIsRange(long)} checks.
     */
    public static OptionalLong parseIS(String text) {
        String s = TextPadding.strip(text);
        int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (start == s.length()) {
            return OptionalLong.empty();
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return OptionalLong.empty();
            }
        }
        try {
            return OptionalLong.of(Long.parseLong(s));
        } catch (NumberFormatException overflow) {
            return OptionalLong.empty();
        }
    }

    /** True when {@code value} lies in the range of IS, -2<sup>31</sup> to 2<sup>31</sup>-1. */
    public static boolean isInIsRange(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
    }

    /**
     * Parses a DS value: an optional sign, digits with an optional decimal point, and an
     * optional exponent ({@code -1.5E+3}). Values too large for a {@code double} are rejected.
     */
    public static OptionalDouble parseDS(String text) {
        String s = TextPadding.strip(text);
        if (!isDecimal(s)) {
            return OptionalDouble.empty();
        }
        double value = Double.parseDouble(s);
        return Double.isInfinite(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /**
     * Formats an IS value.
     *
     * @throws IllegalArgumentException outside the 32-bit range of IS
     */
    public static String formatIS(long value) {
        if (!isInIsRange(value)) {
            throw new IllegalArgumentException("IS values are 32-bit: " + value);
        }
        return Long.toString(value);
    }

    /**
     * Formats a DS value in at most 16 characters, rounding to fewer significant digits when
     * the shortest exact form is longer.
     *
     * @throws IllegalArgumentException for NaN and infinities, which DS cannot express
     */
    public static String formatDS(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("DS cannot express " + value);
        }
        String shortest = withoutTrailingZeroFraction(Double.toString(value));
        if (shortest.length() <= DS_MAX_LENGTH) {
            return shortest;
        }
        BigDecimal exact = new BigDecimal(value);
        for (int digits = DS_MAX_LENGTH; digits > 0; digits--) {
            String s = exact.round(new MathContext(digits)).stripTrailingZeros().toString();
            if (Double.isInfinite(Double.parseDouble(s))) {
                // Rounding up past Double.MAX_VALUE would not read back; round toward zero.
                s = exact.round(new MathContext(digits, RoundingMode.DOWN)).stripTrailingZeros().toString();
            }
            if (s.length() <= DS_MAX_LENGTH) {
                return s;
            }
        }
        throw new IllegalStateException("no 16-character form of " + value);
    }

    /** {@code 1.0} to {@code 1}, {@code 1.0E10} to {@code 1E10}; DS needs no decimal point. */
    private static String withoutTrailingZeroFraction(String s) {
        String t = s.replace(".0E", "E");
        return t.endsWith(".0") ? t.substring(0, t.length() - 2) : t;
    }

    private static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
