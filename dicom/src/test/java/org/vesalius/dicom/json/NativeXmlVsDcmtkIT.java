package org.vesalius.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.testsupport.samples.SharedSamples;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.vesalius.testsupport.peers.Dcmtk;

/**
 * Our PS3.19 XML has the same attributes (tag, private creator, VR) and values as
 * {@code dcm2xml --native-format} for a few varied samples. Loosely: numbers compare as numbers
 * (dcm2xml reformats DS), binary and bulk data only by presence, group lengths and (0008,0005)
 * are left out, and a UN on either side matches any VR. Skipped without dcm2xml or the samples.
 */
class NativeXmlVsDcmtkIT {

    @ParameterizedTest
    @ValueSource(strings = {
        "pydicom/test_files/CT_small.dcm",
        "pydicom/test_files/MR_small_bigendian.dcm",
        "pydicom/test_files/rtplan.dcm",
        "pydicom/test_files/test-SR.dcm",
        // Not chrX1.dcm (UTF-8): dcm2xml repeats the Ideographic group as Phonetic for "A=I=".
        "pydicom/charset_files/chrFren.dcm",
        "dcm4che/US-PAL-8-10x-echo",
        "dcm4che/report_dfl",
    })
    void sameElementsAsDcm2xml(String name) throws Exception {
        Dcmtk.require("dcm2xml");
        Path file = SharedSamples.require(name);
        Process p = new ProcessBuilder("dcm2xml", "--native-format", file.toString()).redirectErrorStream(false).start();
        byte[] reference = p.getInputStream().readAllBytes();
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "dcm2xml cannot read " + name);

        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        try (DicomStreamReader reader = DicomStreamReader.open(file, ReadOptions.DEFAULT)) {
            NativeXmlWriter.write(reader, WriteOptions.DEFAULT, ours);
        }

        Map<String, Attribute> expected = attributes(reference);
        Map<String, Attribute> actual = attributes(ours.toByteArray());
        List<String> differences = new ArrayList<>();
        for (Map.Entry<String, Attribute> e : expected.entrySet()) {
            if (insideUnknown(e.getKey(), expected, actual)) {
                continue;
            }
            Attribute a = actual.get(e.getKey());
            Attribute b = e.getValue();
            if (a == null) {
                differences.add(e.getKey() + " missing");
            } else if (!a.vr.equals(b.vr) && !a.vr.equals("UN") && !b.vr.equals("UN")) {
                differences.add(e.getKey() + " vr " + a.vr + " != " + b.vr);
            } else if (!a.binary && !b.binary && !sameValues(a.values, b.values)) {
                differences.add(e.getKey() + " " + a.values + " != " + b.values);
            }
        }
        actual.keySet().stream().filter(k -> !expected.containsKey(k) && !insideUnknown(k, expected, actual)).forEach(k -> differences.add(k + " only in ours"));
        assertThat(differences).as(name).isEmpty();
    }

    /** True inside a sequence that one side read as UN (no dictionary entry): no common reading. */
    private static boolean insideUnknown(String key, Map<String, Attribute> a, Map<String, Attribute> b) {
        for (int i = key.lastIndexOf('['); i > 0; i = key.lastIndexOf('[', i - 1)) {
            String parent = key.substring(0, i);
            if (a.containsKey(parent) && a.get(parent).vr.equals("UN") || b.containsKey(parent) && b.get(parent).vr.equals("UN")) {
                return true;
            }
        }
        return false;
    }

    private record Attribute(String vr, List<String> values, boolean binary) {
    }

    private static Map<String, Attribute> attributes(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
        Map<String, Attribute> out = new LinkedHashMap<>();
        collect(root, "", out);
        return out;
    }

    private static void collect(Element parent, String path, Map<String, Attribute> out) {
        for (Element attr : children(parent, "DicomAttribute")) {
            String tag = attr.getAttribute("tag");
            if (tag.endsWith("0000") || tag.equals("00080005")) {
                continue;
            }
            String key = path + "/" + tag + (attr.hasAttribute("privateCreator") ? "@" + attr.getAttribute("privateCreator") : "");
            List<String> values = new ArrayList<>();
            for (Element v : children(attr, "Value")) {
                values.add(v.getTextContent().strip());
            }
            for (Element pn : children(attr, "PersonName")) {
                values.add(personName(pn));
            }
            boolean binary = !children(attr, "InlineBinary").isEmpty() || !children(attr, "BulkData").isEmpty();
            out.put(key, new Attribute(attr.getAttribute("vr"), values, binary));
            for (Element item : children(attr, "Item")) {
                collect(item, key + "[" + item.getAttribute("number") + "]", out);
            }
        }
    }

    private static String personName(Element pn) {
        StringBuilder sb = new StringBuilder();
        for (Element group : children(pn, null)) {
            sb.append(group.getTagName()).append(':');
            for (Element component : children(group, null)) {
                sb.append(component.getTagName()).append('=').append(component.getTextContent()).append(';');
            }
        }
        return sb.toString();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                out.add(e);
            }
        }
        return out;
    }

    private static boolean sameValues(List<String> a, List<String> b) {
        List<String> x = withoutTrailingEmpty(a);
        List<String> y = withoutTrailingEmpty(b);
        if (x.size() != y.size()) {
            return false;
        }
        for (int i = 0; i < x.size(); i++) {
            if (!Objects.equals(x.get(i), y.get(i)) && !sameNumber(x.get(i), y.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameNumber(String a, String b) {
        try {
            double x = Double.parseDouble(a.replace("INF", "Infinity"));
            double y = Double.parseDouble(b.replace("INF", "Infinity"));
            return x == y || Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(x), Math.abs(y));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> withoutTrailingEmpty(List<String> values) {
        List<String> out = new ArrayList<>(values);
        while (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }
}
