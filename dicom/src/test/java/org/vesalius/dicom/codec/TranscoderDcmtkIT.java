package org.vesalius.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.testsupport.samples.SharedSamples.Sample;

/**
 * Every uncompressed sample, rewritten by the {@link Transcoder} in each native syntax and deflate,
 * is read by dcmtk's {@code dcmdump +L} (all values printed in full, pixel data included) with the
 * same elements and values as the original. What the encoding decides, not the content, is left
 * out: group lengths, delimiters, the File Meta's transfer syntax, and whether Pixel Data is shown
 * as OB bytes or OW words (it is compared byte by byte). Implicit VR output is compared with
 * dcmtk's own conversion ({@code dcmconv +ti}): an implicit data set has no VRs, so dcmtk shows
 * elements its dictionary does not know (private ones) as raw bytes on both sides.
 */
class TranscoderDcmtkIT {

    static final TransferSyntax[] TARGETS = {TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN};
    private static final Pattern LINE = Pattern.compile(
            "^(\\s*)\\(([0-9a-f]{4}),([0-9a-f]{4})\\) (\\S\\S) (.*?)\\s*#\\s*(\\S+), (\\S+) (.*)$");
    private static final Map<Path, List<String>> ORIGINALS = new ConcurrentHashMap<>();

    @TempDir
    Path tmp;

    static Stream<Arguments> samplesAndSyntaxes() {
        List<Sample> all = SharedSamples.all();
        if (all.isEmpty()) {
            return Stream.of(Arguments.of(null, TARGETS[0]));
        }
        // -Dtranscoder.samples=REGEX narrows the run to matching sample names.
        String only = System.getProperty("transcoder.samples", ".*");
        return all.stream().filter(s -> !s.malformed() && isNative(s.transferSyntaxUid()) && s.name().matches(only))
                .flatMap(s -> Stream.of(TARGETS).map(t -> Arguments.of(s, t)));
    }

    static boolean isNative(String uid) {
        return !uid.isEmpty() && TransferSyntax.of(uid).isNative();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("samplesAndSyntaxes")
    void dcmdumpSeesTheSameElements(Sample sample, TransferSyntax target) throws Exception {
        SharedSamples.require(sample);
        Dcmtk.require("dcmdump");
        List<String> original = ORIGINALS.computeIfAbsent(sample.path(), p -> dump(p));
        assumeTrue(original != null, "dcmdump cannot read the original");
        if (!target.explicitVR()) {
            Path reference = tmp.resolve("dcmconv.dcm");
            Dcmtk.Result converted = Dcmtk.run(List.of("dcmconv", "+ti", sample.path().toString(), reference.toString()));
            assumeTrue(converted.ok(), "dcmconv cannot convert the original: " + converted.stderr());
            original = dump(reference);
        }
        Path out = tmp.resolve("out.dcm");
        try (InputStream in = Files.newInputStream(sample.path()); OutputStream o = Files.newOutputStream(out)) {
            Transcoder.transcodeFile(in, target, o);
        }
        Dcmtk.Result ours = Dcmtk.run(List.of("dcmdump", "+L", out.toString()));
        assertThat(ours.ok()).as("dcmdump reads our output: %s", ours.stderr()).isTrue();
        assertThat(ours.stdout()).contains("(0002,0010) UI =" + name(target));
        List<String> expected = normalize(original);
        List<String> actual = normalize(lines(ours.stdout()));
        assertThat(actual).as(() -> firstDifferences(expected, actual)).isEqualTo(expected);
    }

    private static String name(TransferSyntax ts) {
        return switch (ts.uid()) {
            case "1.2.840.10008.1.2" -> "LittleEndianImplicit";
            case "1.2.840.10008.1.2.1" -> "LittleEndianExplicit";
            case "1.2.840.10008.1.2.2" -> "BigEndianExplicit";
            default -> "DeflatedLittleEndianExplicit";
        };
    }

    private static List<String> dump(Path p) {
        try {
            Dcmtk.Result r = Dcmtk.run(List.of("dcmdump", "+L", p.toString()));
            return r.ok() ? lines(r.stdout()) : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> lines(String dump) {
        return dump.lines().toList();
    }

    static String firstDifferences(List<String> expected, List<String> actual) {
        StringBuilder sb = new StringBuilder("first differing lines (original | ours):");
        int shown = 0;
        for (int i = 0; i < Math.max(expected.size(), actual.size()) && shown < 4; i++) {
            String e = i < expected.size() ? expected.get(i) : "<none>";
            String a = i < actual.size() ? actual.get(i) : "<none>";
            if (!e.equals(a)) {
                int at = 0;
                while (at < Math.min(e.length(), a.length()) && e.charAt(at) == a.charAt(at)) {
                    at++;
                }
                sb.append("\n  ").append(abbreviate(e)).append("\n| ").append(abbreviate(a)).append("\n  differ from char ").append(at)
                        .append(": ").append(e.substring(at, Math.min(e.length(), at + 60))).append(" | ")
                        .append(a.substring(at, Math.min(a.length(), at + 60)));
                shown++;
            }
        }
        return sb.toString();
    }

    /** dcmdump's OB bytes ({@code 7f\bf}) or OW words ({@code bf7f}) as little endian bytes. */
    static String bytes(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (String v : value.split("\\\\")) {
            if (v.length() == 4) {
                sb.append(v, 2, 4).append(' ').append(v, 0, 2).append(' ');
            } else {
                sb.append(v).append(' ');
            }
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "... (" + s.length() + " chars)" : s;
    }

    /**
     * The data set's element lines, reduced to depth, tag, VR, value, VM and keyword; Pixel Data as
     * bytes. dcmtk's pseudo VRs for what it cannot decide ({@code ??} unknown, {@code xs} US or SS,
     * {@code ox} OB or OW) become UN, US and OW. A private element whose VR dcmtk cannot know and
     * whose bytes begin with an item tag is a sequence (CP-246): our reader parses it as one and
     * writes it as SQ, while dcmtk shows the original's bytes; such elements, and what they hold,
     * are left out on both sides (their tag is kept).
     */
    static List<String> normalize(List<String> dump) {
        List<String> out = new ArrayList<>();
        String skipDeeperThan = null;
        for (String line : dump) {
            Matcher skip = LINE.matcher(line);
            if (skipDeeperThan != null && skip.matches() && skip.group(1).length() > skipDeeperThan.length()) {
                continue;
            }
            skipDeeperThan = null;
            if (skip.matches() && Integer.parseInt(skip.group(2), 16) % 2 == 1 && (skip.group(4).equals("SQ")
                    || skip.group(5).startsWith("fe\\ff\\00\\e0"))) {
                out.add(skip.group(1) + "(" + skip.group(2) + "," + skip.group(3) + ") private sequence");
                skipDeeperThan = skip.group(1);
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String group = m.group(2);
            String element = m.group(3);
            if (group.equals("0002") || element.equals("0000") || group.equals("fffe") && !element.equals("e000")) {
                continue;
            }
            String vr = switch (m.group(4)) {
                case "??" -> "UN";
                case "xs" -> "US";
                case "ox" -> "OW";
                default -> m.group(4);
            };
            String value = m.group(5);
            if (vr.equals("SQ") || group.equals("fffe")) {
                value = "";
            } else if (value.startsWith("[") && value.endsWith("]")) {
                value = "[" + value.substring(1, value.length() - 1).stripTrailing() + "]";
            }
            if (group.equals("7fe0") && element.equals("0010") && m.group(1).isEmpty()) {
                out.add("(7fe0,0010) " + bytes(value));
                continue;
            }
            out.add(m.group(1) + "(" + group + "," + element + ") " + vr + " " + value + " vm=" + m.group(7) + " " + m.group(8));
        }
        return out;
    }
}
