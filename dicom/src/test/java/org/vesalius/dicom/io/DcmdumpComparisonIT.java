package org.vesalius.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.testsupport.samples.SharedSamples.Sample;

/**
 * dcmtk's dcmdump, run on a sample and on our normalizing rewrite of it (same transfer syntax),
 * lists the same elements with the same VRs, multiplicities and values. What a normalizing
 * writer changes on purpose is left out of the comparison: value lengths (odd values are padded),
 * group lengths, and how sequences and items are delimited.
 */
class DcmdumpComparisonIT {

    private static final Pattern LINE = Pattern.compile(
            "^(\\s*)\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\S\\S) (.*?)\\s*#\\s*(\\S+), (\\S+) (.*)$");

    @TempDir
    Path tmp;

    static Stream<Sample> samples() {
        return SharedSamples.arguments();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void dcmdumpSeesTheSameDataset(Sample sample) throws Exception {
        SharedSamples.require(sample);
        Dcmtk.require("dcmdump");
        Dcmtk.Result original = Dcmtk.run(List.of("dcmdump", sample.path().toString()));
        org.junit.jupiter.api.Assumptions.assumeTrue(original.ok(), "dcmdump cannot read the original");
        DicomFile file;
        try {
            file = DicomReader.read(sample.path());
        } catch (MalformedDicomException e) {
            org.junit.jupiter.api.Assumptions.assumeFalse(sample.malformed(), "malformed on purpose: " + e.getMessage());
            throw e;
        }
        Path rewritten = tmp.resolve("rewritten.dcm");
        try (OutputStream out = Files.newOutputStream(rewritten)) {
            DicomWriter.writeFile(file, out, EncodingOptions.DEFAULT);
        }
        Dcmtk.Result ours = Dcmtk.run(List.of("dcmdump", rewritten.toString()));
        assertThat(ours.ok()).as("dcmdump reads our file: %s", ours.stderr()).isTrue();
        List<String> expected = normalize(original.stdout());
        List<String> actual = normalize(ours.stdout());
        if (file.fileMeta() == null) {
            // The normalizing writer gives a file without File Meta the one Part 10 requires.
            actual.removeIf(line -> line.startsWith("(0002,"));
        }
        assertThat(actual).as(() -> firstDifferences(expected, actual)).isEqualTo(expected);
    }

    private static String firstDifferences(List<String> expected, List<String> actual) {
        StringBuilder sb = new StringBuilder("first differing lines (original | ours):");
        int shown = 0;
        for (int i = 0; i < Math.max(expected.size(), actual.size()) && shown < 4; i++) {
            String e = i < expected.size() ? expected.get(i) : "<none>";
            String a = i < actual.size() ? actual.get(i) : "<none>";
            if (!e.equals(a)) {
                sb.append("\n  ").append(e).append("\n| ").append(a);
                shown++;
            }
        }
        return sb.toString();
    }

    /** The element lines of a dump, reduced to depth, tag, VR, value, VM and keyword. */
    static List<String> normalize(String dump) {
        List<String> out = new ArrayList<>();
        for (String line : dump.lines().toList()) {
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String group = m.group(2);
            String element = m.group(3);
            if (element.equals("0000") || group.equals("fffe") && !element.equals("e000")) {
                continue; // group lengths and delimiters depend on the encoding, not the content
            }
            String depth = m.group(1);
            String vr = m.group(4);
            String value = m.group(5);
            if (vr.equals("SQ") || group.equals("fffe")) {
                value = "";
            } else if (value.startsWith("[") && value.endsWith("]")) {
                value = "[" + value.substring(1, value.length() - 1).stripTrailing() + "]";
            }
            out.add(depth + "(" + group + "," + element + ") " + vr + " " + value + " vm=" + m.group(7) + " " + m.group(8));
        }
        return out;
    }
}
