package org.vesalius.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes the names in pydicom's character set test files (expected bytes in
 * {@code _provenance/pydicom_charset_FileInfo.txt}). Skipped when {@code vna.shared} is absent.
 */
class SpecificCharacterSetSampleFilesTest {

    private static final int PATIENT_NAME = 0x00100010;
    private static final int OTHER_PATIENT_NAMES = 0x00101001;
    private static final int ADDITIONAL_PATIENT_HISTORY = 0x001021B0;

    static Stream<Arguments> patientNames() {
        return Stream.of(
                Arguments.of("chrArab.dcm", "قباني^لنزار"),
                Arguments.of("chrFren.dcm", "Buc^Jérôme"),
                Arguments.of("chrFrenMulti.dcm", "Buc^Jérôme"),
                Arguments.of("chrGerm.dcm", "Äneas^Rüdiger"),
                Arguments.of("chrGreek.dcm", "Διονυσιος"),
                Arguments.of("chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう"),
                Arguments.of("chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"),
                Arguments.of("chrHbrw.dcm", "שרון^דבורה"),
                Arguments.of("chrI2.dcm", "Hong^Gildong=洪^吉洞=홍^길동"),
                Arguments.of("chrJapMulti.dcm", "やまだ^たろう"),
                Arguments.of("chrJapMultiExplicitIR6.dcm", "やまだ^たろう"),
                Arguments.of("chrKoreanMulti.dcm", "김희중"),
                // The file itself mixes Latin c, e, y, p into the Cyrillic.
                Arguments.of("chrRuss.dcm", "Люкceмбypг"),
                Arguments.of("chrX1.dcm", "Wang^XiaoDong=王^小東="),
                Arguments.of("chrX2.dcm", "Wang^XiaoDong=王^小东="),
                Arguments.of("chrSQEncoding.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"),
                Arguments.of("chrSQEncoding1.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patientNames")
    void decodesPatientName(String file, String expected) {
        assertThat(decode(file, PATIENT_NAME, VR.PN)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patientNames")
    void reencodedNameDecodesToTheSameText(String file, String expected) {
        CharsetSampleFiles sample = CharsetSampleFiles.file(file);
        SpecificCharacterSet cs = SpecificCharacterSet.of(sample.characterSetFor(PATIENT_NAME, VR.PN));
        assertThat(cs.canEncode(expected)).isTrue();
        assertThat(cs.decode(cs.encode(expected, VR.PN), VR.PN)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patientNames")
    void reencodesNameToTheFileBytes(String file, String expected) {
        CharsetSampleFiles sample = CharsetSampleFiles.file(file);
        SpecificCharacterSet cs = SpecificCharacterSet.of(sample.characterSetFor(PATIENT_NAME, VR.PN));
        byte[] raw = sample.value(PATIENT_NAME, VR.PN);
        String rawWithoutPadding = new String(raw, StandardCharsets.ISO_8859_1).stripTrailing();
        String encoded = new String(cs.encode(expected, VR.PN), StandardCharsets.ISO_8859_1);
        if (file.equals("chrKoreanMulti.dcm")) {
            // The writer adds a redundant ESC ( B at the end although G0 is already ASCII.
            assertThat(rawWithoutPadding).isEqualTo(encoded + "\u001B(B");
        } else if (file.startsWith("chrSQEncoding")) {
            // The writer returns to ISO-IR 6 (ESC ( B) where the first value designates ISO-IR 14.
            assertThat(rawWithoutPadding).isEqualTo(encoded.replace("\u001B(J", "\u001B(B"));
        } else {
            assertThat(encoded).isEqualTo(rawWithoutPadding);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiValued")
    void decodesMultiValuedNames(String file, String expected) {
        assertThat(decode(file, OTHER_PATIENT_NAMES, VR.PN)).isEqualTo(expected);
    }

    static Stream<Arguments> multiValued() {
        return Stream.of(
                Arguments.of("chrFrenMulti.dcm", "Buc^Jérôme\\Buc^Jérôme"),
                Arguments.of("chrJapMulti.dcm", "やまだ^たろう\\やまだ^たろう"),
                Arguments.of("chrJapMultiExplicitIR6.dcm", "やまだ^たろう\\やまだ^たろう"),
                Arguments.of("chrKoreanMulti.dcm", "김희중\\김희중"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("longTexts")
    void decodesLongText(String file, String expected) {
        assertThat(decode(file, ADDITIONAL_PATIENT_HISTORY, VR.LT)).isEqualTo(expected);
    }

    static Stream<Arguments> longTexts() {
        return Stream.of(
                Arguments.of("chrJapMulti.dcm", "たろう"),
                Arguments.of("chrKoreanMulti.dcm", "김희중"));
    }

    private static String decode(String file, int tag, VR vr) {
        CharsetSampleFiles sample = CharsetSampleFiles.file(file);
        byte[] raw = sample.value(tag, vr);
        assertThat(raw).as("(%s) in %s", Tag.toString(tag), file).isNotNull();
        SpecificCharacterSet cs = SpecificCharacterSet.of(sample.characterSetFor(tag, vr));
        // Callers strip padding; a trailing space is padding for these VRs.
        return cs.decode(raw, vr).stripTrailing();
    }
}
