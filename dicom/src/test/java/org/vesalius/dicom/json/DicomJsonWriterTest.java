package org.vesalius.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.BulkDataDescriptor;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;

class DicomJsonWriterTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonNode json(Dataset dataset) throws Exception {
        return json(dataset, WriteOptions.DEFAULT);
    }

    private static JsonNode json(Dataset dataset, WriteOptions options) throws Exception {
        return MAPPER.readTree(DicomJsonWriter.toJson(dataset, options));
    }

    private static Dataset utf8() {
        return new Dataset().setString(0x00080005, VR.CS, "ISO_IR 192");
    }

    @Test
    void personNamesBecomeComponentGroupObjectsWithoutEmptyGroups() throws Exception {
        Dataset ds = utf8();
        ds.setString(0x00100010, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう");
        ds.setString(0x00101001, VR.PN, "Doe^John", "", "==Phonetic^Only", "Smith^Ann=^");
        JsonNode node = json(ds);

        assertThat(node.at("/00100010/Value/0").toString())
                .isEqualTo("{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\",\"Phonetic\":\"やまだ^たろう\"}");
        JsonNode others = node.at("/00101001/Value");
        assertThat(others.get(0).toString()).isEqualTo("{\"Alphabetic\":\"Doe^John\"}");
        assertThat(others.get(1).isNull()).isTrue();
        assertThat(others.get(2).toString()).isEqualTo("{\"Phonetic\":\"Phonetic^Only\"}");
        assertThat(others.get(3).toString()).isEqualTo("{\"Alphabetic\":\"Smith^Ann\",\"Ideographic\":\"^\"}");
    }

    @Test
    void attributeTagsAreEightHexDigitStrings() throws Exception {
        Dataset ds = new Dataset().setInt(0x00209165, VR.AT, 0x00100010, 0x7FE00010);
        assertThat(json(ds).at("/00209165/Value").toString()).isEqualTo("[\"00100010\",\"7FE00010\"]");
    }

    @Test
    void decimalAndIntegerStringsAreStringsByDefault() throws Exception {
        Dataset ds = new Dataset().setString(0x00280030, VR.DS, " 0.50 ", "+1.5").setString(0x00200013, VR.IS, "007");
        JsonNode node = json(ds);
        assertThat(node.at("/00280030/Value").toString()).isEqualTo("[\"0.50\",\"+1.5\"]");
        assertThat(node.at("/00200013/Value").toString()).isEqualTo("[\"007\"]");
    }

    @Test
    void numberModeWritesValidNumbersAsNumbersAndKeepsTheRestAsStrings() throws Exception {
        Dataset ds = new Dataset()
                .setString(0x00280030, VR.DS, "0.50", "+1.5", ".5", "5.", "1e3", "-2E-02", "abc", "", "NaN", "1e99999999999")
                .setString(0x00200013, VR.IS, "007", "+12", "-3", "1.0");
        String text = DicomJsonWriter.toJson(ds, WriteOptions.DEFAULT.withNumberMode(NumberMode.NUMBER));

        assertThat(text).contains("[0.50,1.5,0.5,5,1e3,-2E-02,\"abc\",null,\"NaN\",\"1e99999999999\"]");
        assertThat(text).contains("[7,12,-3,\"1.0\"]");
        assertThat(MAPPER.readTree(text).at("/00280030/Value/0").decimalValue()).isEqualByComparingTo("0.5");
    }

    @Test
    void binaryNumbersAreNumbersAndLargeVeryLongsAreStrings() throws Exception {
        long maxSafe = (1L << 53) - 1;
        Dataset ds = new Dataset()
                .setInt(0x00280010, VR.US, 65535)
                .setInt(0x00281101, VR.SS, -2)
                .setInt(0x00081160, VR.UL, 0xFFFFFFFFL)
                .setInt(0x00189219, VR.SL, Integer.MIN_VALUE)
                .setInt(0x0040A162, VR.UV, maxSafe, maxSafe + 1, -1L)
                .setInt(0x0040A161, VR.SV, -maxSafe, -maxSafe - 1, Long.MIN_VALUE);
        JsonNode node = json(ds);

        assertThat(node.at("/00280010/Value").toString()).isEqualTo("[65535]");
        assertThat(node.at("/00281101/Value").toString()).isEqualTo("[-2]");
        assertThat(node.at("/00081160/Value").toString()).isEqualTo("[4294967295]");
        assertThat(node.at("/00189219/Value").toString()).isEqualTo("[-2147483648]");
        assertThat(node.at("/0040A162/Value").toString())
                .isEqualTo("[9007199254740991,\"9007199254740992\",\"18446744073709551615\"]");
        assertThat(node.at("/0040A161/Value").toString())
                .isEqualTo("[-9007199254740991,\"-9007199254740992\",\"-9223372036854775808\"]");
    }

    @Test
    void floatingPointValuesThatJsonCannotHoldAreStrings() throws Exception {
        Dataset ds = new Dataset()
                .setDouble(0x00189087, VR.FD, 1.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)
                .setDouble(0x00189089, VR.FL, 0.1, Float.MIN_VALUE);
        JsonNode node = json(ds);

        assertThat(node.at("/00189087/Value").toString()).isEqualTo("[1.5,\"NaN\",\"Infinity\",\"-Infinity\"]");
        assertThat(node.at("/00189089/Value/0").floatValue()).isEqualTo(0.1f);
        assertThat(node.at("/00189089/Value/1").doubleValue()).isEqualTo((double) Float.MIN_VALUE);
    }

    @Test
    void controlCharactersAndNulsAreEscapedSoTheDocumentStaysValid() throws Exception {
        byte[] raw = "a\u0000b\u0001c\"\\d\u007F".getBytes(StandardCharsets.US_ASCII);
        Dataset ds = new Dataset().set(0x00081030, VR.LO, raw).set(0x00204000, VR.LT, "line1\r\nline2\u001F".getBytes(StandardCharsets.US_ASCII));
        String text = DicomJsonWriter.toJson(ds, WriteOptions.DEFAULT);

        assertThat(text).contains("\\u0000").contains("\\u0001").contains("\\u001F");
        JsonNode node = MAPPER.readTree(text);
        assertThat(node.at("/00081030/Value").toString()).isEqualTo("[\"a\\u0000b\\u0001c\\\"\",\"d\u007F\"]");
        assertThat(node.at("/00204000/Value/0").asText()).isEqualTo("line1\r\nline2\u001F");
    }

    @Test
    void emptyValuesHaveNoValueAndEmptyValuesAmongSeveralAreNull() throws Exception {
        Dataset ds = new Dataset()
                .set(0x00080050, VR.SH, null)
                .set(0x00080090, VR.PN, new byte[0])
                .setString(0x00081030, VR.LO, "    ")
                .setString(0x00080008, VR.CS, "ORIGINAL", "", "AXIAL", "")
                .setString(0x00204000, VR.LT, "  leading kept\\no split  ")
                .setString(0x00321032, VR.PN, "^^^^")
                .setString(0x00081070, VR.PN, "Doe", "==");
        ds.newSequence(0x00081140, 0);
        JsonNode node = json(ds);

        assertThat(node.get("00080050").toString()).isEqualTo("{\"vr\":\"SH\"}");
        assertThat(node.get("00080090").toString()).isEqualTo("{\"vr\":\"PN\"}");
        assertThat(node.get("00081030").toString()).isEqualTo("{\"vr\":\"LO\"}");
        assertThat(node.get("00081140").toString()).isEqualTo("{\"vr\":\"SQ\"}");
        assertThat(node.get("00321032").toString()).isEqualTo("{\"vr\":\"PN\"}");
        assertThat(node.at("/00081070/Value").toString()).isEqualTo("[{\"Alphabetic\":\"Doe\"},null]");
        assertThat(node.at("/00080008/Value").toString()).isEqualTo("[\"ORIGINAL\",null,\"AXIAL\",null]");
        assertThat(node.at("/00204000/Value").toString()).isEqualTo("[\"  leading kept\\\\no split\"]");
    }

    @Test
    void nestedSequencesAndEmptyItems() throws Exception {
        Dataset ds = new Dataset();
        Sequence outer = ds.newSequence(0x0040A730, 2);
        Dataset first = outer.addItem();
        first.setString(0x0040A010, VR.CS, "CONTAINS");
        first.newSequence(0x0040A730, 1).addItem().setString(0x0040A160, VR.UT, "deep");
        outer.addItem();
        JsonNode node = json(ds);

        assertThat(node.at("/0040A730/Value/0/0040A730/Value/0/0040A160/Value/0").asText()).isEqualTo("deep");
        assertThat(node.at("/0040A730/Value/1").toString()).isEqualTo("{}");
    }

    @Test
    void keysAscendAsUnsignedHexAndGroupLengthsAreLeftOut() throws Exception {
        Dataset ds = new Dataset()
                .setInt(0xFFFCFFFC, VR.UL, 0)
                .setInt(0x00080000, VR.UL, 10)
                .setString(0x00090010, VR.LO, "ACME 1.0")
                .setString(0x00091001, VR.LO, "private value")
                .setString(0x00100010, VR.PN, "A^B")
                .setInt(0x7FE00000, VR.UL, 8);
        List<String> keys = new ArrayList<>();
        json(ds).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("00090010", "00091001", "00100010", "FFFCFFFC");

        List<String> all = new ArrayList<>();
        json(ds, WriteOptions.DEFAULT.withGroupLengths(true)).fieldNames().forEachRemaining(all::add);
        assertThat(all).containsExactly("00080000", "00090010", "00091001", "00100010", "7FE00000", "FFFCFFFC");
    }

    @Test
    void binaryValuesAreInlineBase64() throws Exception {
        Dataset ds = new Dataset().setBytes(0x00431028, VR.OB, new byte[] {1, 2, 3, 0}).setBytes(0x00091010, VR.UN, new byte[] {9, 9});
        JsonNode node = json(ds);
        assertThat(node.at("/00431028/InlineBinary").asText()).isEqualTo(Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 0}));
        assertThat(node.at("/00091010/vr").asText()).isEqualTo("UN");
    }

    @Test
    void referencesBecomeBulkDataUrisWithTheirRange() throws Exception {
        Dataset ds = new Dataset().set(0x7FE00010, VR.OW, new BulkDataRef("file:///data/a%20b.dcm", 1234, 5678));
        assertThat(json(ds).at("/7FE00010").toString())
                .isEqualTo("{\"vr\":\"OW\",\"BulkDataURI\":\"file:///data/a%20b.dcm?offset=1234&length=5678\"}");
    }

    @Test
    void aBulkDataPolicyLeavesSelectedValuesOutWithUrisFromTheBuilder() throws Exception {
        Dataset ds = new Dataset().setBytes(0x7FE00010, VR.OB, new byte[64]).setBytes(0x00291010, VR.OB, new byte[2]);
        Dataset item = ds.newSequence(0x0040A730, 1).addItem();
        item.setBytes(0x00420011, VR.OB, new byte[100]);
        WriteOptions options = WriteOptions.DEFAULT.withBulkData(BulkDataDescriptor.binaryLongerThan(16),
                BulkDataUriBuilder.under("https://pacs/studies/1/series/2/instances/3/bulkdata"));
        JsonNode node = json(ds, options);

        assertThat(node.at("/7FE00010/BulkDataURI").asText()).isEqualTo("https://pacs/studies/1/series/2/instances/3/bulkdata/7FE00010");
        assertThat(node.at("/0040A730/Value/0/00420011/BulkDataURI").asText())
                .isEqualTo("https://pacs/studies/1/series/2/instances/3/bulkdata/0040A730/0/00420011");
        assertThat(node.at("/00291010").has("InlineBinary")).isTrue();
    }

    @Test
    void encapsulatedPixelDataIsInlineAsItemsWithHeadersOrAUri() throws Exception {
        Fragments fragments = new Fragments().add(new byte[0]).add(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2});
        Dataset ds = new Dataset().set(0x7FE00010, VR.OB, fragments);
        byte[] inline = Base64.getDecoder().decode(json(ds).at("/7FE00010/InlineBinary").asText());
        assertThat(inline).containsExactly(
                0xFE, 0xFF, 0x00, 0xE0, 0, 0, 0, 0,
                0xFE, 0xFF, 0x00, 0xE0, 4, 0, 0, 0, 0xFF, 0xD8, 1, 2);

        JsonNode withUris = json(ds, WriteOptions.DEFAULT.withBulkDataUris((path, location) -> "bulk/" + path));
        assertThat(withUris.at("/7FE00010/BulkDataURI").asText()).isEqualTo("bulk/7FE00010");

        Fragments referenced = new Fragments().add(new BulkDataRef("file:///f", 108, 0)).add(new BulkDataRef("file:///f", 116, 10));
        JsonNode ranged = json(new Dataset().set(0x7FE00010, VR.OB, referenced));
        assertThat(ranged.at("/7FE00010/BulkDataURI").asText()).isEqualTo("file:///f?offset=100&length=26");
    }

    @Test
    void streamingLeavesOutDuplicateAndOutOfOrderElements() throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        writeExplicit(raw, 0x0010, 0x0020, "LO", "ID1 ");
        writeExplicit(raw, 0x0010, 0x0010, "PN", "Late^Name ");
        writeExplicit(raw, 0x0010, 0x0020, "LO", "ID2 ");
        writeExplicit(raw, 0x0010, 0x0030, "DA", "20240101");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomStreamReader reader = DicomStreamReader.forDataset(new ByteArrayInputStream(raw.toByteArray()),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT);
                JsonGenerator gen = new JsonFactory().createGenerator(out)) {
            new DicomJsonWriter(gen).write(reader);
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"ID1\"]},\"00100030\":{\"vr\":\"DA\",\"Value\":[\"20240101\"]}}");
    }

    @Test
    void metadataOfALargeFileStopsBeforeThePixelDataWithoutATree() throws Exception {
        Dataset ds = new Dataset().setString(0x00080018, VR.UI, "1.2.3").setBytes(0x7FE00010, VR.OB, new byte[1 << 20]);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        org.vesalius.dicom.io.DicomWriter.writeFile(org.vesalius.dicom.io.DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN),
                file, org.vesalius.dicom.io.EncodingOptions.DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReadOptions upToPixels = ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA);
        try (DicomStreamReader reader = DicomStreamReader.open(new ByteArrayInputStream(file.toByteArray()), upToPixels);
                JsonGenerator gen = new JsonFactory().createGenerator(out)) {
            new DicomJsonWriter(gen).write(reader);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"00080018\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]}}");
    }

    private static void writeExplicit(ByteArrayOutputStream out, int group, int element, String vr, String value) {
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        out.write(group & 0xFF);
        out.write(group >> 8);
        out.write(element & 0xFF);
        out.write(element >> 8);
        out.write(vr.charAt(0));
        out.write(vr.charAt(1));
        out.write(v.length & 0xFF);
        out.write(v.length >> 8);
        out.writeBytes(v);
    }
}
