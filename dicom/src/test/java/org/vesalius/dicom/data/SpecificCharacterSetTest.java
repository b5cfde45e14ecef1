package org.vesalius.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecificCharacterSetTest {

    /** Bytes from a string whose chars are all below U+0100, ESC written as \u001B. */
    private static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** The examples of PS3.5 Annexes H, I, J and K, compared byte for byte both ways. */
    @Nested
    class StandardExamples {

        @Test
        void japaneseKanjiH31() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");
            byte[] bytes = latin1("Yamada^Tarou=\u001B$B;3ED\u001B(B^\u001B$BB@O:\u001B(B="
                    + "\u001B$B$d$^$@\u001B(B^\u001B$B$?$m$&\u001B(B");
            String text = "Yamada^Tarou=山田^太郎=やまだ^たろう";
            assertThat(cs.encode(text, VR.PN)).isEqualTo(bytes);
            assertThat(cs.decode(bytes, VR.PN)).isEqualTo(text);
        }

        @Test
        void japaneseKatakanaAndKanjiH32() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87");
            byte[] bytes = latin1("\u00D4\u00CF\u00C0\u00DE^\u00C0\u00DB\u00B3=\u001B$B;3ED\u001B(J^"
                    + "\u001B$BB@O:\u001B(J=\u001B$B$d$^$@\u001B(J^\u001B$B$?$m$&\u001B(J");
            String text = "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう";
            assertThat(cs.encode(text, VR.PN)).isEqualTo(bytes);
            assertThat(cs.decode(bytes, VR.PN)).isEqualTo(text);
        }

        @Test
        void koreanI2() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");
            byte[] bytes = hex("48 6f 6e 67 5e 47 69 6c 64 6f 6e 67 3d 1b 24 29 43 fb f3 5e 1b 24 29 43 d1 ce d4 d7"
                    + " 3d 1b 24 29 43 c8 ab 5e 1b 24 29 43 b1 e6 b5 bf");
            String text = "Hong^Gildong=洪^吉洞=홍^길동";
            assertThat(cs.encode(text, VR.PN)).isEqualTo(bytes);
            assertThat(cs.decode(bytes, VR.PN)).isEqualTo(text);
        }

        @Test
        void chineseUtf8J2() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192");
            byte[] bytes = hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d e7 8e 8b 5e e5 b0 8f e6 9d b1 3d");
            assertThat(cs.encode("Wang^XiaoDong=王^小東=", VR.PN)).isEqualTo(bytes);
            assertThat(cs.decode(bytes, VR.PN)).isEqualTo("Wang^XiaoDong=王^小東=");
        }

        @Test
        void chineseGb18030J3() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("GB18030");
            byte[] bytes = hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d");
            assertThat(cs.encode("Wang^XiaoDong=王^小东=", VR.PN)).isEqualTo(bytes);
            assertThat(cs.decode(bytes, VR.PN)).isEqualTo("Wang^XiaoDong=王^小东=");
        }

        @Test
        void chineseGb2312K2() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 58");
            // The example ends in a padding space, which encode does not add.
            byte[] bytes = hex("5a 68 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d 1b 24 29 41 d5 c5 5e 1b 24 29 41"
                    + " d0 a1 b6 ab 3d");
            assertThat(cs.encode("Zhang^XiaoDong=张^小东=", VR.PN)).isEqualTo(bytes);
            assertThat(cs.decode(bytes, VR.PN)).isEqualTo("Zhang^XiaoDong=张^小东=");
        }

        @Test
        void chineseLongTextK3() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 58");
            byte[] bytes = hex("31 2e 1b 24 29 41 b5 da d2 bb d0 d0 ce c4 d7 d6 a1 a3 1b 28 42 0d 0a"
                    + " 32 2e 1b 24 29 41 b5 da b6 fe d0 d0 ce c4 d7 d6 a1 a3 1b 28 42 0d 0a"
                    + " 33 2e 1b 24 29 41 b5 da c8 fd d0 d0 ce c4 d7 d6 a1 a3 1b 28 42 0d 0a 20");
            String text = "1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n ";
            assertThat(cs.decode(bytes, VR.LT)).isEqualTo(text);
            // Our encoder omits the example's redundant ESC ( B, G0 being ASCII all along.
            assertThat(cs.decode(cs.encode(text, VR.LT), VR.LT)).isEqualTo(text);
        }
    }

    static Stream<Arguments> roundTrips() {
        return Stream.of(
                Arguments.of(List.of("ISO_IR 100"), "Buc^Jérôme", 10),
                Arguments.of(List.of("ISO_IR 101"), "Dvořák^Łucja", 12),
                Arguments.of(List.of("ISO_IR 109"), "Ġużeppi^Ħal", 11),
                Arguments.of(List.of("ISO_IR 110"), "Ķēniņš^Ģirts", 12),
                Arguments.of(List.of("ISO_IR 144"), "Люксембург", 10),
                Arguments.of(List.of("ISO_IR 127"), "قباني^لنزار", 11),
                Arguments.of(List.of("ISO_IR 126"), "Διονυσιος", 9),
                Arguments.of(List.of("ISO_IR 138"), "שרון^דבורה", 10),
                Arguments.of(List.of("ISO_IR 148"), "Çağlar^Şükrü", 12),
                Arguments.of(List.of("ISO_IR 203"), "Œuvre^€", 7),
                Arguments.of(List.of("ISO_IR 166"), "สมชาย^ใจดี", 10),
                Arguments.of(List.of("ISO_IR 13"), "ﾔﾏﾀﾞ^ﾀﾛｳ", 8),
                Arguments.of(List.of("ISO_IR 192"), "Wang^XiaoDong=王^小東=😀", 29),
                Arguments.of(List.of("GB18030"), "王^小东𠀀", 11),
                Arguments.of(List.of("GBK"), "王^小东", 7),
                Arguments.of(List.of("ISO 2022 IR 6"), "Smith^John", 10),
                Arguments.of(List.of("ISO 2022 IR 100"), "Buc^Jérôme", 10),
                Arguments.of(List.of("ISO 2022 IR 100", "ISO 2022 IR 126"), "Jérôme=Διονυσιος", -1),
                Arguments.of(List.of("ISO 2022 IR 100", "ISO 2022 IR 144", "ISO 2022 IR 101"),
                        "Jérôme Люк Łucja Jérôme", -1),
                Arguments.of(List.of("ISO 2022 IR 13", "ISO 2022 IR 87"), "ﾔﾏﾀﾞ ﾀﾛｳ 山田 A", -1),
                Arguments.of(List.of("", "ISO 2022 IR 87"), "山田 太郎", -1),
                Arguments.of(List.of("", "ISO 2022 IR 159"), "丂鷗", -1),
                Arguments.of(List.of("", "ISO 2022 IR 87", "ISO 2022 IR 159"), "山丂^田鷗", -1),
                Arguments.of(List.of("", "ISO 2022 IR 149"), "김희중 Kim", -1),
                Arguments.of(List.of("", "ISO 2022 IR 58"), "张 小东", -1),
                Arguments.of(List.of("ISO 2022 IR 100", "ISO 2022 IR 149"), "Jérôme=김희중", -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("roundTrips")
    void roundTripsForEverySupportedSet(List<String> terms, String text, int expectedLength) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(terms.toArray(String[]::new));
        assertThat(cs.canEncode(text)).isTrue();
        for (VR vr : new VR[] {VR.PN, VR.LO, VR.LT}) {
            byte[] bytes = cs.encode(text, vr);
            if (expectedLength >= 0) {
                assertThat(bytes).hasSize(expectedLength);
            }
            assertThat(cs.decode(bytes, vr)).as("%s %s", terms, vr).isEqualTo(text);
        }
    }

    @Nested
    class Iso2022 {

        private final SpecificCharacterSet japanese = SpecificCharacterSet.of("", "ISO 2022 IR 87");

        @Test
        void switchesBackBeforeValueDelimiterInMultiValuedText() {
            byte[] bytes = japanese.encode("山田\\太郎", VR.LO);
            assertThat(bytes).isEqualTo(latin1("\u001B$B;3ED\u001B(B\\\u001B$BB@O:\u001B(B"));
            assertThat(japanese.decode(bytes, VR.LO)).isEqualTo("山田\\太郎");
        }

        @Test
        void switchesBackBeforeLineBreaksInText() {
            byte[] bytes = japanese.encode("山田\r\n太郎", VR.LT);
            assertThat(bytes).isEqualTo(latin1("\u001B$B;3ED\u001B(B\r\n\u001B$BB@O:\u001B(B"));
        }

        @Test
        void supplementaryKanjiUsesItsFourByteEscape() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87", "ISO 2022 IR 159");
            // 山 is in JIS X 0208, 丂 only in JIS X 0212.
            byte[] bytes = latin1("\u001B$B;3\u001B$(D0!\u001B(B");
            assertThat(cs.encode("山丂", VR.LO)).isEqualTo(bytes);
            assertThat(cs.decode(bytes, VR.LO)).isEqualTo("山丂");
        }

        @Test
        void multiByteSetAsOnlyValueKeepsAsciiInG0() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 149");
            assertThat(cs.decode(hex("4b 69 6d 3d b1 e8"), VR.PN)).isEqualTo("Kim=김");
        }

        @Test
        void caretInsideKanjiIsATrailByteNotADelimiter() {
            // "$^" is the kanji ま: the caret must not reset G0.
            assertThat(japanese.decode(latin1("\u001B$B$^$^\u001B(B"), VR.PN)).isEqualTo("まま");
        }

        @Test
        void delimitersResetG1OnlyWhereTheyDelimit() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 149");
            byte[] bytes = hex("1b 24 29 43 b1 e8 5c c8 f1");
            // In LT a backslash is text, so KS X 1001 stays in G1.
            assertThat(cs.decode(bytes, VR.LT)).isEqualTo("김\\희");
            // In LO it separates values, after which G1 is Latin-1 again.
            assertThat(cs.decode(bytes, VR.LO)).isEqualTo("김\\Èñ");
        }

        @Test
        void readsUndesignatedG1ThroughTheDeclaredG1Set() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");
            assertThat(cs.decode(hex("b1 e8 c8 f1 c1 df"), VR.PN)).isEqualTo("김희중");
        }

        @Test
        void honoursEscapesUnderTheDefaultRepertoire() {
            byte[] bytes = latin1("\u001B$B$d$^$@\u001B(B^\u001B$B$?$m$&\u001B(B");
            assertThat(SpecificCharacterSet.ASCII.decode(bytes, VR.PN)).isEqualTo("やまだ^たろう");
            assertThat(SpecificCharacterSet.of("ISO_IR 100").decode(bytes, VR.PN)).isEqualTo("やまだ^たろう");
        }

        @Test
        void replacesUnknownEscapeSequencesAndGoesOn() {
            assertThat(japanese.decode(latin1("A\u001B$)ZB"), VR.PN)).isEqualTo("A\uFFFDB");
            assertThat(japanese.decode(latin1("A\u001B"), VR.PN)).isEqualTo("A\uFFFD");
        }

        @Test
        void replacesTruncatedDoubleByteCharacters() {
            assertThat(japanese.decode(latin1("\u001B$B;3E"), VR.PN)).isEqualTo("山\uFFFD");
            SpecificCharacterSet korean = SpecificCharacterSet.of("", "ISO 2022 IR 149");
            assertThat(korean.decode(hex("1b 24 29 43 b1"), VR.PN)).isEqualTo("\uFFFD");
        }

        @Test
        void replacesG1BytesWhenNoG1SetIsKnown() {
            assertThat(japanese.decode(hex("41 e9 42"), VR.PN)).isEqualTo("A\uFFFDB");
        }

        @Test
        void writesQuestionMarkForUnencodableCharactersInAscii() {
            assertThat(japanese.canEncode("山€")).isFalse();
            byte[] bytes = japanese.encode("山€", VR.PN);
            assertThat(bytes).isEqualTo(latin1("\u001B$B;3\u001B(B?"));
        }

        @Test
        void ignoresEscapesUnderUtf8() {
            SpecificCharacterSet utf8 = SpecificCharacterSet.of("ISO_IR 192");
            assertThat(utf8.decode(latin1("\u001B$B;3"), VR.PN)).isEqualTo("\u001B$B;3");
        }
    }

    @Nested
    class DefinedTerms {

        @Test
        void defaultRepertoireForNothing() {
            assertThat(SpecificCharacterSet.of()).isSameAs(SpecificCharacterSet.ASCII);
            assertThat(SpecificCharacterSet.of((String[]) null)).isSameAs(SpecificCharacterSet.ASCII);
            assertThat(SpecificCharacterSet.of("")).isSameAs(SpecificCharacterSet.ASCII);
            assertThat(SpecificCharacterSet.of("  ", null)).isSameAs(SpecificCharacterSet.ASCII);
            assertThat(SpecificCharacterSet.ASCII.isDefaultRepertoire()).isTrue();
            assertThat(SpecificCharacterSet.ASCII.definedTerms()).isEmpty();
            assertThat(SpecificCharacterSet.of("ISO_IR 6").isDefaultRepertoire()).isTrue();
        }

        @Test
        void stripsPaddingAndKeepsAnEmptyFirstValue() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87 ");
            assertThat(cs.definedTerms()).containsExactly("", "ISO 2022 IR 87");
            assertThat(cs.usesCodeExtensions()).isTrue();
            assertThat(cs.isDefaultRepertoire()).isFalse();
            assertThat(SpecificCharacterSet.of("ISO_IR 100\0")).isEqualTo(SpecificCharacterSet.of("ISO_IR 100"));
        }

        @Test
        void splitsAnUnsplitValue() {
            assertThat(SpecificCharacterSet.of("ISO 2022 IR 13\\ISO 2022 IR 87"))
                    .isEqualTo(SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87"));
            assertThat(SpecificCharacterSet.of("\\ISO 2022 IR 87").definedTerms()).containsExactly("", "ISO 2022 IR 87");
        }

        @Test
        void acceptsIsoIrSpellingInMultiValuedSets() {
            // https://github.com/dcm4che/dcm4che/issues/869
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 13", "ISO 2022 IR 87");
            assertThat(cs.decode(latin1("\u00D4^\u001B$B;3\u001B(J"), VR.PN)).isEqualTo("ﾔ^山");
        }

        @Test
        void acceptsSloppySpellings() {
            assertThat(SpecificCharacterSet.of("iso_ir100").decode(hex("e9"), VR.LO)).isEqualTo("é");
            assertThat(SpecificCharacterSet.of("ISO-IR 144").decode(hex("bb"), VR.LO)).isEqualTo("Л");
        }

        @Test
        void unknownFirstValueDecodesAsLatin1() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 999");
            assertThat(cs.definedTerms()).containsExactly("ISO_IR 999");
            assertThat(cs.decode(hex("4a e9 72 f4 6d 65"), VR.PN)).isEqualTo("Jérôme");
        }

        @Test
        void unknownLaterValuesAreIgnored() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("", "WHATEVER", "ISO 2022 IR 87");
            assertThat(cs.encode("山", VR.PN)).isEqualTo(latin1("\u001B$B;3\u001B(B"));
        }

        @Test
        void utf8CombinedWithOtherValuesIsUsedAlone() {
            SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192", "ISO 2022 IR 87");
            assertThat(cs.usesCodeExtensions()).isFalse();
            assertThat(cs.decode(hex("e7 8e 8b"), VR.PN)).isEqualTo("王");
        }

        @Test
        void equalityFollowsTheTerms() {
            assertThat(SpecificCharacterSet.of("ISO_IR 100")).isEqualTo(SpecificCharacterSet.of(" ISO_IR 100 "))
                    .hasSameHashCodeAs(SpecificCharacterSet.of("ISO_IR 100"))
                    .isNotEqualTo(SpecificCharacterSet.of("ISO 2022 IR 100"));
            assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 87")).hasToString("SpecificCharacterSet[\\ISO 2022 IR 87]");
            assertThat(SpecificCharacterSet.ASCII).hasToString("SpecificCharacterSet[default]");
        }
    }

    @Nested
    class DecodingAndEncoding {

        @Test
        void onlyTextVrsThatUseTheCharacterSetAreAffected() {
            SpecificCharacterSet latin1 = SpecificCharacterSet.of("ISO_IR 100");
            assertThat(latin1.decode(hex("e9"), VR.LO)).isEqualTo("é");
            assertThat(latin1.decode(hex("e9"), VR.CS)).isEqualTo("\uFFFD");
            assertThat(latin1.encode("é", VR.CS)).isEqualTo(latin1("?"));
            assertThat(latin1.encode("é", VR.SH)).isEqualTo(hex("e9"));
        }

        @Test
        void defaultRepertoireReplacesHighBytes() {
            assertThat(SpecificCharacterSet.ASCII.decode(hex("4a e9"), VR.PN)).isEqualTo("J\uFFFD");
            assertThat(SpecificCharacterSet.ASCII.encode("Jé", VR.PN)).isEqualTo(latin1("J?"));
            assertThat(SpecificCharacterSet.ASCII.canEncode("Jé")).isFalse();
        }

        @Test
        void invalidUtf8IsReplaced() {
            SpecificCharacterSet utf8 = SpecificCharacterSet.of("ISO_IR 192");
            assertThat(utf8.decode(hex("41 c3 28"), VR.LO)).isEqualTo("A\uFFFD(");
            // A real U+FFFD in the data decodes as itself.
            assertThat(utf8.decode(hex("ef bf bd"), VR.LO)).isEqualTo("\uFFFD");
        }

        @Test
        void keepsPadding() {
            assertThat(SpecificCharacterSet.of("ISO_IR 100").decode(hex("e9 20"), VR.PN)).isEqualTo("é ");
        }

        @Test
        void decodesASlice() {
            byte[] bytes = latin1("xxBuc^J\u00E9r\u00F4mexx");
            assertThat(SpecificCharacterSet.of("ISO_IR 100").decode(bytes, 2, 10, VR.PN)).isEqualTo("Buc^Jérôme");
            assertThat(SpecificCharacterSet.ASCII.decode(bytes, 2, 3, VR.PN)).isEqualTo("Buc");
            assertThatThrownBy(() -> SpecificCharacterSet.ASCII.decode(bytes, 10, 5, VR.PN))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }

        @Test
        void emptyValues() {
            assertThat(SpecificCharacterSet.ASCII.decode(new byte[0], VR.PN)).isEmpty();
            assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 87").encode("", VR.PN)).isEmpty();
        }
    }
}
