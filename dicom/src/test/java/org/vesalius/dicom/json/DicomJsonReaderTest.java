package org.vesalius.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.VR;

class DicomJsonReaderTest {

    private final DicomJsonReader reader = new DicomJsonReader();

    private Dataset read(String json) throws Exception {
        return reader.read(json);
    }

    @Test
    void membersMayComeInAnyOrder() throws Exception {
        Dataset ds = read("{\"00100010\":{\"Value\":[{\"Alphabetic\":\"Doe^John\"}],\"vr\":\"PN\"},"
                + "\"00080020\":{\"vr\":\"DA\",\"Value\":[\"20240101\"]}}");
        assertThat(ds.getString(0x00100010)).isEqualTo("Doe^John");
        assertThat(ds.tagAt(0)).isEqualTo(0x00080020); // keys out of order are sorted in
    }

    @Test
    void decimalAndIntegerStringsMayBeNumbersOrStrings() throws Exception {
        Dataset ds = read("{\"00280030\":{\"vr\":\"DS\",\"Value\":[0.50,\"1.25\",null,1e3]},"
                + "\"00200013\":{\"vr\":\"IS\",\"Value\":[7]}}");
        assertThat(ds.getText(0x00280030)).isEqualTo("0.50\\1.25\\\\1e3");
        assertThat(ds.getStrings(0x00280030)).containsExactly("0.50", "1.25", "", "1e3");
        assertThat(ds.getInt(0x00200013, -1)).isEqualTo(7);
    }

    @Test
    void personNameGroupsAreJoinedWithEqualsSigns() throws Exception {
        Dataset ds = read("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 192\"]},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\",\"Phonetic\":\"やまだ^たろう\"}]},"
                + "\"00101001\":{\"vr\":\"PN\",\"Value\":[{\"Phonetic\":\"P\"},null,\"Plain^String\",{\"Alphabetic\":\"A\"}]}}");
        assertThat(ds.getString(0x00100010)).isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
        assertThat(ds.getText(0x00101001).strip()).isEqualTo("==P\\\\Plain^String\\A");
    }

    @Test
    void attributeTagsAndBinaryNumbers() throws Exception {
        Dataset ds = read("{\"00209165\":{\"vr\":\"AT\",\"Value\":[\"00100010\",\"7fe00010\"]},"
                + "\"00280010\":{\"vr\":\"US\",\"Value\":[512,\"256\"]},"
                + "\"0040A162\":{\"vr\":\"UV\",\"Value\":[\"18446744073709551615\",9007199254740993]},"
                + "\"0040A161\":{\"vr\":\"SV\",\"Value\":[\"-9223372036854775808\"]},"
                + "\"00189087\":{\"vr\":\"FD\",\"Value\":[1.5,\"NaN\",\"-Infinity\"]},"
                + "\"00189089\":{\"vr\":\"FL\",\"Value\":[0.1]}}");
        assertThat(ds.getStrings(0x00209165)).containsExactly("00100010", "7FE00010");
        assertThat(ds.getStrings(0x00280010)).containsExactly("512", "256");
        byte[] uv = ds.getBytes(0x0040A162);
        assertThat(LittleEndian.int64(uv, 0)).isEqualTo(-1L);
        assertThat(LittleEndian.int64(uv, 8)).isEqualTo(9007199254740993L);
        assertThat(ds.getLong(0x0040A161, 0).getAsLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(ds.getDouble(0x00189087, 1).getAsDouble()).isNaN();
        assertThat(ds.getDouble(0x00189087, 2).getAsDouble()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat((float) ds.getDouble(0x00189089, 0).getAsDouble()).isEqualTo(0.1f);
    }

    @Test
    void inlineBinaryAndBulkDataUris() throws Exception {
        Dataset ds = read("{\"00431028\":{\"vr\":\"OB\",\"InlineBinary\":\"AQID\"},"
                + "\"00420011\":{\"vr\":\"OB\",\"BulkDataURI\":\"file:///x.dcm?offset=10&length=20\"},"
                + "\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"https://pacs/bulk/7FE00010\"}}");
        assertThat(ds.getBytes(0x00431028)).containsExactly(1, 2, 3);
        assertThat(ds.getValue(0x00420011)).isEqualTo(new BulkDataRef("file:///x.dcm", 10, 20));
        assertThat(ds.getValue(0x7FE00010)).isEqualTo(BulkDataRef.of("https://pacs/bulk/7FE00010"));

        Dataset fetched = reader.withBulkDataUriHandler((path, vr, uri) -> (path + "|" + vr).getBytes(StandardCharsets.US_ASCII))
                .read("{\"0040A730\":{\"vr\":\"SQ\",\"Value\":[{},{\"00420011\":{\"vr\":\"OB\",\"BulkDataURI\":\"u\"}}]}}");
        assertThat(new String(fetched.getSequence(0x0040A730).get(1).getBytes(0x00420011), StandardCharsets.US_ASCII))
                .isEqualTo("0040A730/1/00420011|OB");
    }

    @Test
    void inlineEncapsulatedPixelDataBecomesFragments() throws Exception {
        Fragments fragments = new Fragments().add(new byte[0]).add(new byte[] {1, 2, 3, 4});
        String json = DicomJsonWriter.toJson(new Dataset().set(0x7FE00010, VR.OB, fragments), WriteOptions.DEFAULT);
        assertThat(read(json).getValue(0x7FE00010)).isEqualTo(fragments);
    }

    @Test
    void sequencesNestAndNullItemsAreEmpty() throws Exception {
        Dataset ds = read("{\"0040A730\":{\"vr\":\"SQ\",\"Value\":[{\"0040A730\":{\"vr\":\"SQ\",\"Value\":[{\"0040A160\":"
                + "{\"vr\":\"UT\",\"Value\":[\"deep\"]}}]}},null,{}]},\"00081140\":{\"vr\":\"SQ\"}}");
        assertThat(ds.getSequence(0x0040A730)).hasSize(3);
        assertThat(ds.getSequence(0x0040A730).get(0).getSequence(0x0040A730).get(0).getString(0x0040A160)).isEqualTo("deep");
        assertThat(ds.getSequence(0x0040A730).get(1).isEmpty()).isTrue();
        assertThat(ds.getSequence(0x00081140)).isEmpty();
    }

    @Test
    void nonAsciiTextWithoutACharacterSetSwitchesTheDataSetToUtf8() throws Exception {
        Dataset ds = read("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Müller^Jürgen\",\"Ideographic\":\"山田\"}]},"
                + "\"0040A730\":{\"vr\":\"SQ\",\"Value\":[{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]}}]}}");
        assertThat(ds.getStrings(0x00080005)).containsExactly("ISO_IR 192");
        assertThat(ds.getSequence(0x0040A730).get(0).getString(0x00080005)).isEqualTo("ISO_IR 192");
        assertThat(new String(ds.getBytes(0x00100010), StandardCharsets.UTF_8).strip()).isEqualTo("Müller^Jürgen=山田");
    }

    @Test
    void textTheDeclaredCharacterSetHoldsKeepsIt() throws Exception {
        Dataset ds = read("{\"00080005\":{\"vr\":\"CS\",\"Value\":[\"ISO_IR 100\"]},"
                + "\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Müller\"}]}}");
        assertThat(ds.getString(0x00080005)).isEqualTo("ISO_IR 100");
        assertThat(ds.getBytes(0x00100010)).containsExactly("Müller".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void asciiTextLeavesTheCharacterSetAlone() throws Exception {
        assertThat(read("{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"Doe\"}]}}").contains(0x00080005)).isFalse();
    }

    @Test
    void readsAnArrayOfDataSets() throws Exception {
        List<Dataset> all = reader.readAll(new ByteArrayInputStream(
                "[{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"1\"]}},{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"2\"]}}]"
                        .getBytes(StandardCharsets.UTF_8)));
        assertThat(all).extracting(d -> d.getString(0x00100020)).containsExactly("1", "2");
        assertThat(read("[{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"1\"]}}]").getString(0x00100020)).isEqualTo("1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "   ",
        "nope",
        "{",
        "{\"0010",
        "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"A",
        "[1,2]",
        "[{},{}]",
        "42",
        "{} trailing",
        "{\"00100010\":5}",
        "{\"00100010\":{\"vr\":\"XX\"}}",
        "{\"00100010\":{\"vr\":5}}",
        "{\"0010001\":{\"vr\":\"PN\"}}",
        "{\"0010001G\":{\"vr\":\"PN\"}}",
        "{\"(0010,0010)\":{\"vr\":\"PN\"}}",
        "{\"00100010\":{\"Value\":[\"a\"]}}",
        "{\"00100020\":{\"vr\":\"LO\",\"Value\":\"not an array\"}}",
        "{\"00100020\":{\"vr\":\"LO\",\"Value\":[5]}}",
        "{\"00100020\":{\"vr\":\"LO\",\"Value\":[[\"nested\"]]}}",
        "{\"00280010\":{\"vr\":\"US\",\"Value\":[\"abc\"]}}",
        "{\"00280010\":{\"vr\":\"US\",\"Value\":[70000]}}",
        "{\"00280010\":{\"vr\":\"US\",\"Value\":[-1]}}",
        "{\"00280010\":{\"vr\":\"US\",\"Value\":[1.5]}}",
        "{\"00209165\":{\"vr\":\"AT\",\"Value\":[\"0010001\"]}}",
        "{\"00209165\":{\"vr\":\"AT\",\"Value\":[1048592]}}",
        "{\"00189087\":{\"vr\":\"FD\",\"Value\":[\"fast\"]}}",
        "{\"00431028\":{\"vr\":\"OB\",\"Value\":[1]}}",
        "{\"00431028\":{\"vr\":\"OB\",\"InlineBinary\":\"!!!\"}}",
        "{\"00431028\":{\"vr\":\"OB\",\"InlineBinary\":5}}",
        "{\"00431028\":{\"vr\":\"OB\",\"InlineBinary\":\"AQID\",\"BulkDataURI\":\"u\"}}",
        "{\"0040A730\":{\"vr\":\"SQ\",\"Value\":[\"not an item\"]}}",
        "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":5}]}}",
        "{\"00100010\":{\"Value\":[{\"Alphabetic\":5}],\"vr\":\"PN\"}}",
    })
    void garbageIsRefusedWithTheTypedExceptionAndALocation(String json) {
        assertThatThrownBy(() -> read(json))
                .isInstanceOf(DicomJsonException.class)
                .satisfies(e -> assertThat(((DicomJsonException) e).line()).isPositive())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void errorsNameTheAttributePath() {
        assertThatThrownBy(() -> read("{\"0040A730\":{\"vr\":\"SQ\",\"Value\":[{},{\"00280010\":{\"vr\":\"US\",\"Value\":[\"x\"]}}]}}"))
                .isInstanceOf(DicomJsonException.class)
                .hasMessageContaining("in attribute 0040A730/1/00280010")
                .hasMessageContaining("line 1");
    }

    @Test
    void deeplyNestedArraysAreRefusedWithoutExhaustingTheStack() {
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        assertThatThrownBy(() -> read(deep)).isInstanceOf(DicomJsonException.class);
        String deepValue = "{\"00100020\":{\"vr\":\"LO\",\"Value\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}}";
        assertThatThrownBy(() -> read(deepValue)).isInstanceOf(DicomJsonException.class);
        String deepFirst = "{\"00100020\":{\"Value\":" + "[".repeat(200_000) + "]".repeat(200_000) + ",\"vr\":\"LO\"}}";
        assertThatThrownBy(() -> read(deepFirst)).isInstanceOf(DicomJsonException.class);
    }

    @Test
    void sequencesNestedBeyondTheLimitAreRefused() throws Exception {
        String item = "{\"0040A730\":{\"vr\":\"SQ\",\"Value\":[";
        String json = item.repeat(70) + "]}}".repeat(70);
        assertThatThrownBy(() -> read(json)).isInstanceOf(DicomJsonException.class)
                .hasMessageContaining("nested deeper than 64");
        assertThat(reader.withMaxDepth(80).read(json)).isNotNull();
    }
}
