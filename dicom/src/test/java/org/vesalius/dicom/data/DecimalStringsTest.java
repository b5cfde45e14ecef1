package org.vesalius.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalStringsTest {

    @Test
    void parsesIntegerStringsLeniently() {
        assertThat(DecimalStrings.parseIS("42")).hasValue(42);
        assertThat(DecimalStrings.parseIS(" +42 ")).hasValue(42);
        assertThat(DecimalStrings.parseIS("-2147483648")).hasValue(Integer.MIN_VALUE);
        assertThat(DecimalStrings.parseIS("007\0")).hasValue(7);
        assertThat(DecimalStrings.parseIS("99999999999")).hasValue(99_999_999_999L);
        assertThat(DecimalStrings.isInIsRange(99_999_999_999L)).isFalse();
        assertThat(DecimalStrings.isInIsRange(-2_147_483_648L)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "+", "-", "1.0", "1e3", "0x10", "1 2", "12a", "99999999999999999999", "--1"})
    void rejectsInvalidIntegerStrings(String text) {
        assertThat(DecimalStrings.parseIS(text)).isEmpty();
    }

    @Test
    void parsesDecimalStringsLeniently() {
        assertThat(DecimalStrings.parseDS("1.5")).hasValue(1.5);
        assertThat(DecimalStrings.parseDS(" +1.5 ")).hasValue(1.5);
        assertThat(DecimalStrings.parseDS("-.5")).hasValue(-0.5);
        assertThat(DecimalStrings.parseDS("5.")).hasValue(5.0);
        assertThat(DecimalStrings.parseDS("1e3")).hasValue(1000.0);
        assertThat(DecimalStrings.parseDS("-1.25E-2")).hasValue(-0.0125);
        assertThat(DecimalStrings.parseDS("2E+2\0")).hasValue(200.0);
        assertThat(DecimalStrings.parseDS("0.000000001")).hasValue(1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "+", "e5", "1e", "1e+", "NaN", "Infinity", "-Infinity", "1d", "1f", "0x1p3",
        "1,5", "1.5.1", "1 5", "1e999", "--1", "1e5.5"})
    void rejectsInvalidDecimalStrings(String text) {
        assertThat(DecimalStrings.parseDS(text)).isEmpty();
    }

    @Test
    void formatsIntegerStrings() {
        assertThat(DecimalStrings.formatIS(-12)).isEqualTo("-12");
        assertThatThrownBy(() -> DecimalStrings.formatIS(1L << 31)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatsDecimalStringsInSixteenCharacters() {
        assertThat(DecimalStrings.formatDS(1.0)).isEqualTo("1");
        assertThat(DecimalStrings.formatDS(-0.5)).isEqualTo("-0.5");
        assertThat(DecimalStrings.formatDS(1e10)).isEqualTo("1E10");
        assertThat(DecimalStrings.formatDS(1.5e-7)).isEqualTo("1.5E-7");
        for (double v : new double[] {Math.PI, -Math.E * 1e-123, 123456789012345678.0, -0.1234567890123456789,
            Double.MAX_VALUE, -Double.MIN_VALUE, 1.0 / 3}) {
            String s = DecimalStrings.formatDS(v);
            assertThat(s).as("%s", v).hasSizeLessThanOrEqualTo(16);
            assertThat(DecimalStrings.parseDS(s).orElseThrow()).isCloseTo(v, org.assertj.core.data.Percentage.withPercentage(1e-6));
        }
        assertThatThrownBy(() -> DecimalStrings.formatDS(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DecimalStrings.formatDS(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
    }
}
