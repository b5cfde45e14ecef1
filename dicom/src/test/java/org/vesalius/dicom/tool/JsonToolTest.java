package org.vesalius.dicom.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.io.BulkDataResolver;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.json.BulkDataUris;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.testsupport.samples.SharedSamples.Sample;

class JsonToolTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static ToolFixtures.Run json(String... args) {
        return ToolFixtures.run(JsonTool::run, args);
    }

    @Test
    void printsOneObjectWithPixelDataAsAUriIntoTheFile() throws Exception {
        Path file = ToolFixtures.writeSample(dir, "ct.dcm", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        ToolFixtures.Run run = json(file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        JsonNode node = MAPPER.readTree(run.out());
        assertThat(node.isObject()).isTrue();
        assertThat(node.at("/00100010/Value/0/Ideographic").asText()).isEqualTo("山田^太郎");
        assertThat(node.at("/00101002/Value/0/00100020/Value/0").asText()).isEqualTo("OTHER-ID");
        String uri = node.at("/7FE00010/BulkDataURI").asText();
        assertThat(uri).startsWith(file.toAbsolutePath().toUri().toString() + "?offset=");
        BulkDataRef ref = BulkDataUris.parse(uri);
        try (InputStream in = BulkDataResolver.FILES.open(ref)) {
            assertThat(Arrays.equals(in.readAllBytes(), ToolFixtures.PIXELS)).as("bytes at the URI's range").isTrue();
        }
    }

    @Test
    void inlinePutsBulkDataInTheDocument() throws Exception {
        Path file = ToolFixtures.writeSample(dir, "ct.dcm", TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        JsonNode node = MAPPER.readTree(json("--inline", "--compact", file.toString()).out());
        assertThat(Base64.getDecoder().decode(node.at("/7FE00010/InlineBinary").asText())).isEqualTo(ToolFixtures.PIXELS);
    }

    @Test
    void deflatedDataSetsKeepBulkDataInline() throws Exception {
        Path file = ToolFixtures.writeSample(dir, "ct.dcm", TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        JsonNode node = MAPPER.readTree(json(file.toString()).out());
        assertThat(Base64.getDecoder().decode(node.at("/7FE00010/InlineBinary").asText())).isEqualTo(ToolFixtures.PIXELS);
    }

    @Test
    void numbersOptionWritesDecimalStringsAsNumbers() throws Exception {
        Path file = ToolFixtures.writeSample(dir, "ct.dcm", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThat(MAPPER.readTree(json("--numbers", file.toString()).out()).at("/00280030/Value/0").isNumber()).isTrue();
        assertThat(MAPPER.readTree(json(file.toString()).out()).at("/00280030/Value/0").isTextual()).isTrue();
    }

    @Test
    void severalFilesGiveAnArrayAndFailuresAreLeftOutAndReported() throws Exception {
        Path a = ToolFixtures.writeSample(dir, "a.dcm", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Path text = Files.writeString(dir.resolve("notes.txt"), "not a DICOM file at all, just text\n");
        Path b = ToolFixtures.writeSample(dir, "b.dcm", TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
        ToolFixtures.Run run = json(a.toString(), text.toString(), b.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(MAPPER.readTree(run.out()).size()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString().startsWith("vna json: " + text + ": not DICOM");
    }

    @Test
    void malformedInputIsOneLineAndExitCodeOneWithNothingOnStandardOutput() throws Exception {
        Path file = ToolFixtures.writeSample(dir, "ct.dcm", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] bytes = Files.readAllBytes(file);
        // Cut inside the value of Pixel Spacing "0.5\0.5", a header value.
        int spacing = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("0.5\\0.5");
        Path truncated = Files.write(dir.resolve("truncated.dcm"), Arrays.copyOf(bytes, spacing + 3));
        ToolFixtures.Run run = json(truncated.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("vna json: " + truncated + ": unexpected end of input");
    }

    @Test
    void truncatedPixelDataIsDescribedAsPresentWithAWarning() throws Exception {
        Path file = ToolFixtures.writeSample(dir, "ct.dcm", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("short-pixels.dcm"), Arrays.copyOf(bytes, bytes.length - 100));
        ToolFixtures.Run run = json(truncated.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains(": warning: value of (7FE0,0010) declares 4096 bytes but the input ends after 3996");
        assertThat(MAPPER.readTree(run.out()).at("/7FE00010/BulkDataURI").asText()).endsWith("length=3996");
    }

    @Test
    void missingFilesAndBadCommandLines() {
        ToolFixtures.Run missing = json(dir.resolve("nope.dcm").toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err().strip()).isEqualTo("vna json: " + dir.resolve("nope.dcm") + ": no such file");

        ToolFixtures.Run invalid = json("a\0b");
        assertThat(invalid.exit()).isEqualTo(1);
        assertThat(invalid.err()).isEqualTo("vna json: a\\0b: not a valid path\n");

        assertThat(json().exit()).isEqualTo(ToolRunner.USAGE);
        assertThat(json("--bogus", "x").exit()).isEqualTo(ToolRunner.USAGE);
        assertThat(json("--help").exit()).isZero();
    }

    @Test
    void xmlOptionPrintsNativeDicomModel() throws Exception {
        Path file = ToolFixtures.writeSample(dir, "ct.dcm", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        ToolFixtures.Run run = json("--xml", file.toString());
        assertThat(run.exit()).isZero();
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(run.outBytes()));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("NativeDicomModel");
    }

    static Stream<Sample> samples() {
        return SharedSamples.arguments();
    }

    /** What the shared check demands: no crash, one line per error, valid JSON on success. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleConvertsOrIsRefusedInOneLine(Sample sample) throws Exception {
        SharedSamples.require(sample);
        assumeFalse(Files.size(sample.path()) > 64 << 20, "large file");
        ToolFixtures.Run run = json("--compact", sample.path().toString());

        assertThat(run.exit()).as(run.err()).isIn(0, 1);
        assertThat(run.err().lines().filter(l -> !l.contains(": warning: ")).count()).as(run.err()).isLessThanOrEqualTo(1);
        if (run.exit() == 0) {
            assertThat(MAPPER.readTree(run.out()).isObject()).isTrue();
        } else {
            assertThat(run.out()).isEmpty();
            assertThat(run.err()).startsWith("vna json: " + sample.path() + ": ");
        }
    }
}
