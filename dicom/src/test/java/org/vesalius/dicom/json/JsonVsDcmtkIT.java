package org.vesalius.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.SpecificCharacterSet;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.MalformedDicomException;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.testdata.NotDicom;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.testsupport.samples.SharedSamples.Sample;
import org.vesalius.testsupport.peers.Dcmtk;

/**
 * Our DICOM JSON against dcmtk's {@code dcm2json} on every sample dcmtk reads, compared with the
 * rules of the shared {@code jsoncmp.py} ({@link JsonComparison}). dcm2json refuses encapsulated
 * pixel data inline: for those files it converts a copy without it ({@code dcmodify -ea}), and
 * the comparison leaves out Pixel Data and the trailing padding dcmodify drops.
 *
 * <p>Files declaring a character set that the {@link SpecificCharacterSet} in use does not decode
 * yet (found with a probe, so this tightens by itself when the full implementation lands) are
 * listed apart and not counted. Needs dcm2json on the PATH and the shared samples; skipped
 * otherwise. The summary goes to standard output and {@code target/json-vs-dcmtk.txt}.
 */
class JsonVsDcmtkIT {

    private static final Set<String> DEFAULT_REPERTOIRES = Set.of("", "ISO_IR 6", "ISO 2022 IR 6", "ISO_IR 100", "ISO_IR 192");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path temp;

    private record Reference(JsonNode json, boolean withoutPixelData) {
    }

    @Test
    void agreesWithDcm2jsonOnEverySampleDcmtkReads() throws Exception {
        Dcmtk.require("dcm2json");
        List<Sample> samples = SharedSamples.require(s -> true);
        boolean charsetsImplemented = decodesCyrillic();
        int agree = 0;
        int unreadableByDcmtk = 0;
        List<String> differ = new ArrayList<>();
        List<String> charsetPending = new ArrayList<>();
        List<String> crashes = new ArrayList<>();
        for (Sample sample : samples) {
            if (NotDicom.contains(sample)) {
                continue;
            }
            Reference reference = dcmtk(sample.path());
            if (reference == null) {
                unreadableByDcmtk++;
                continue;
            }
            JsonNode ours;
            try {
                ours = MAPPER.readTree(ourJson(sample.path()));
            } catch (MalformedDicomException e) {
                differ.add(sample.name() + ": refused (dcmtk reads it): " + e.getMessage());
                continue;
            } catch (IOException | RuntimeException | Error e) {
                crashes.add(sample.name() + ": " + e);
                continue;
            }
            if (reference.withoutPixelData()) {
                // What dcmodify changed in rewriting the copy: no pixel data, no trailing padding.
                ((ObjectNode) ours).remove(List.of("7FE00010", "FFFCFFFC"));
            }
            List<String> differences = JsonComparison.differences(ours, reference.json());
            if (differences.isEmpty()) {
                agree++;
            } else if (!charsetsImplemented && declaresOtherCharset(ours)) {
                charsetPending.add(sample.name() + ": " + differences.get(0));
            } else {
                differ.add(sample.name() + ": " + differences.get(0));
            }
        }
        int counted = agree + differ.size();
        double ratio = counted == 0 ? 1 : (double) agree / counted;
        String summary = String.format(java.util.Locale.ROOT,
                "DICOM JSON vs dcm2json: %d/%d agree (%.1f%%), %d differ, %d crashes; %d not readable by dcmtk (skipped);"
                        + " %d disagree for character sets not implemented yet (not counted)%n"
                        + "differ:%n  %s%ncharset pending:%n  %s%n",
                agree, counted, 100 * ratio, differ.size(), crashes.size(), unreadableByDcmtk, charsetPending.size(),
                String.join("\n  ", differ), String.join("\n  ", charsetPending));
        System.out.println(summary);
        Files.writeString(Path.of("target", "json-vs-dcmtk.txt"), summary);
        assertThat(crashes).as("crashes").isEmpty();
        assertThat(ratio).as(summary).isGreaterThanOrEqualTo(0.97);
    }

    private static String ourJson(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomStreamReader reader = DicomStreamReader.open(file, ReadOptions.DEFAULT);
                JsonGenerator gen = new JsonFactory().createGenerator(out)) {
            new DicomJsonWriter(gen, WriteOptions.DEFAULT).write(reader);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** dcm2json's output, or null when dcmtk cannot read the file. */
    private Reference dcmtk(Path file) throws Exception {
        Result r = run("dcm2json", "-fc", file.toString());
        if (r.exit == 0) {
            return new Reference(lenientJson(r.out), false);
        }
        if (!r.err.contains("compressed pixel data")) {
            return null;
        }
        Path copy = temp.resolve("copy.dcm");
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
        copy.toFile().setWritable(true);
        if (run("dcmodify", "-nb", "-ea", "(7fe0,0010)", copy.toString()).exit != 0) {
            return null;
        }
        Result again = run("dcm2json", "-fc", copy.toString());
        return again.exit == 0 ? new Reference(lenientJson(again.out), true) : null;
    }

    /** dcm2json may write bytes that are not UTF-8: replaced, as jsoncmp.py's errors="replace" does. */
    private static JsonNode lenientJson(byte[] bytes) throws IOException {
        return MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
    }

    private record Result(int exit, byte[] out, String err) {
    }

    private Result run(String... command) throws Exception {
        Path out = temp.resolve("out");
        Path err = temp.resolve("err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, new byte[0], "timeout");
        }
        return new Result(p.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.ISO_8859_1));
    }

    /** True when some (0008,0005) in the document names a set beyond ASCII, Latin-1 and UTF-8. */
    private static boolean declaresOtherCharset(JsonNode node) {
        if (node.isObject()) {
            JsonNode cs = node.get("00080005");
            if (cs != null && cs.has("Value")) {
                for (JsonNode term : cs.get("Value")) {
                    if (!DEFAULT_REPERTOIRES.contains(term.isNull() ? "" : term.asText())) {
                        return true;
                    }
                }
            }
        }
        for (JsonNode child : node) {
            if (declaresOtherCharset(child)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the character set support decodes ISO_IR 144 (ISO 8859-5): 0xBB is U+041B. */
    private static boolean decodesCyrillic() {
        return SpecificCharacterSet.of("ISO_IR 144").decode(new byte[] {(byte) 0xBB}, 0, 1, VR.LO).equals("\u041B");
    }
}
