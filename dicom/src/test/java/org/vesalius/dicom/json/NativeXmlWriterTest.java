package org.vesalius.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.MalformedDicomException;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.testdata.NotDicom;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.testsupport.samples.SharedSamples.Sample;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class NativeXmlWriterTest {

    private static final XPath XPATH = XPathFactory.newInstance().newXPath();

    static Stream<Sample> samples() {
        return SharedSamples.arguments();
    }

    private static byte[] xml(Dataset dataset) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NativeXmlWriter.write(dataset, WriteOptions.DEFAULT, out);
        return out.toByteArray();
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String at(Document doc, String xpath) throws Exception {
        return XPATH.evaluate(xpath, doc);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleGivesWellFormedXmlTheSameFromTreeAndStream(Sample sample) throws Exception {
        SharedSamples.require(sample);
        assumeFalse(NotDicom.contains(sample), "not DICOM");
        DicomFile file;
        try {
            file = DicomReader.read(sample.path());
        } catch (MalformedDicomException e) {
            assumeFalse(true, "unreadable: " + e.getMessage());
            return;
        }
        byte[] fromTree = xml(file.dataset());
        Document doc = parse(fromTree);
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("NativeDicomModel");

        ByteArrayOutputStream fromStream = new ByteArrayOutputStream();
        try (DicomStreamReader reader = DicomStreamReader.open(sample.path(), ReadOptions.DEFAULT)) {
            NativeXmlWriter.write(reader, WriteOptions.DEFAULT, fromStream);
        }
        assertThat(fromStream.toString(StandardCharsets.UTF_8)).isEqualTo(new String(fromTree, StandardCharsets.UTF_8));
    }

    @Test
    void rootDeclaresPreservedSpace() throws Exception {
        Document doc = parse(xml(new Dataset()));
        assertThat(doc.getDocumentElement().getAttributeNS("http://www.w3.org/XML/1998/namespace", "space")).isEqualTo("preserve");
    }

    @Test
    void valuesArePerNumberAndPersonNamesByComponent() throws Exception {
        Dataset ds = new Dataset().setString(0x00080005, VR.CS, "ISO_IR 192")
                .setString(0x00080008, VR.CS, "ORIGINAL", "", "AXIAL")
                .setString(0x00100010, VR.PN, "Yamada^Tarou^^Dr=山田^太郎")
                .setInt(0x00280010, VR.US, 512)
                .setInt(0x00209165, VR.AT, 0x00100010)
                .setDouble(0x00189087, VR.FD, Double.NaN, Double.NEGATIVE_INFINITY);
        Document doc = parse(xml(ds));

        assertThat(at(doc, "count(//DicomAttribute[@tag='00080008']/Value)")).isEqualTo("3");
        assertThat(at(doc, "//DicomAttribute[@tag='00080008']/Value[@number='3']")).isEqualTo("AXIAL");
        assertThat(at(doc, "//DicomAttribute[@tag='00080008']/Value[@number='2']")).isEmpty();
        String pn = "//DicomAttribute[@tag='00100010']/PersonName[@number='1']";
        assertThat(at(doc, pn + "/Alphabetic/FamilyName")).isEqualTo("Yamada");
        assertThat(at(doc, pn + "/Alphabetic/GivenName")).isEqualTo("Tarou");
        assertThat(at(doc, pn + "/Alphabetic/NamePrefix")).isEqualTo("Dr");
        assertThat(at(doc, "count(" + pn + "/Alphabetic/MiddleName)")).isEqualTo("0");
        assertThat(at(doc, pn + "/Ideographic/FamilyName")).isEqualTo("山田");
        assertThat(at(doc, "//DicomAttribute[@tag='00280010']/Value")).isEqualTo("512");
        assertThat(at(doc, "//DicomAttribute[@tag='00209165']/Value")).isEqualTo("00100010");
        assertThat(at(doc, "//DicomAttribute[@tag='00189087']/Value[1]")).isEqualTo("NaN");
        assertThat(at(doc, "//DicomAttribute[@tag='00189087']/Value[2]")).isEqualTo("-INF");
    }

    @Test
    void privateElementsNameTheirCreatorAndDropTheBlockNumber() throws Exception {
        Dataset ds = new Dataset().setString(0x00290010, VR.LO, "ACME 1.0").setString(0x00291008, VR.SH, "x");
        Document doc = parse(xml(ds));
        assertThat(at(doc, "//DicomAttribute[@tag='00290010']/@privateCreator")).isEmpty();
        assertThat(at(doc, "//DicomAttribute[@tag='00290008']/@privateCreator")).isEqualTo("ACME 1.0");
        assertThat(at(doc, "//DicomAttribute[@tag='00290008']/Value")).isEqualTo("x");
    }

    @Test
    void itemsAreNumberedAndBinaryIsInlineOrBulk() throws Exception {
        Dataset ds = new Dataset();
        var seq = ds.newSequence(0x0040A730, 2);
        seq.addItem().setString(0x0040A160, VR.UT, "first");
        seq.addItem();
        ds.setBytes(0x00431028, VR.OB, new byte[] {1, 2, 3});
        ds.set(0x7FE00010, VR.OB, new Fragments().add(new byte[0]).add(new BulkDataRef("file:///f", 116, 10)));
        Document doc = parse(xml(ds));

        assertThat(at(doc, "//DicomAttribute[@tag='0040A730']/Item[@number='1']/DicomAttribute/Value")).isEqualTo("first");
        assertThat(at(doc, "count(//DicomAttribute[@tag='0040A730']/Item[@number='2']/*)")).isEqualTo("0");
        assertThat(at(doc, "//DicomAttribute[@tag='00431028']/InlineBinary")).isEqualTo("AQID");
        assertThat(at(doc, "//DicomAttribute[@tag='7FE00010']/BulkData/@uri")).startsWith("file:///f");
    }

    @Test
    void charactersXmlCannotCarryAreReplaced() throws Exception {
        Dataset ds = new Dataset().set(0x00081030, VR.LO, "a\u0000b\u0002c<&>".getBytes(StandardCharsets.US_ASCII));
        Document doc = parse(xml(ds));
        assertThat(at(doc, "//DicomAttribute[@tag='00081030']/Value")).isEqualTo("a\uFFFDb\uFFFDc<&>");
    }

    @Test
    void carriageReturnsSurviveXmlLineEndNormalization() throws Exception {
        Dataset ds = new Dataset().set(0x00204000, VR.LT, "a\rb\nc\r\nd".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(xml(ds), StandardCharsets.UTF_8)).contains("a&#13;b\nc&#13;\nd");
        assertThat(at(parse(xml(ds)), "//DicomAttribute[@tag='00204000']/Value")).isEqualTo("a\rb\nc\r\nd");
    }

    @Test
    void emptyValuesHaveNoChildren() throws Exception {
        Document doc = parse(xml(new Dataset().set(0x00080050, VR.SH, null)));
        NodeList attrs = (NodeList) XPATH.evaluate("//DicomAttribute[@tag='00080050']/*", doc, XPathConstants.NODESET);
        assertThat(attrs.getLength()).isZero();
    }
}
