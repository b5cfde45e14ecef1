package org.vesalius.dicom.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.testsupport.samples.SharedSamples.Sample;

class DumpToolTest {

    @TempDir
    Path dir;

    private static ToolFixtures.Run dump(String... args) {
        return ToolFixtures.run(DumpTool::run, args);
    }

    @Test
    void listsMetaAndDataSetLikeDcmdump() throws Exception {
        Path file = ToolFixtures.writeSample(dir, "ct.dcm", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        ToolFixtures.Run run = dump(file.toString());

        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out())
                .contains("# Dicom-Meta-Information-Header\n# Used TransferSyntax: Little Endian Explicit\n")
                .contains("# Dicom-Data-Set\n# Used TransferSyntax: Little Endian Explicit\n")
                .contains("(0002,0010) UI [1.2.840.10008.1.2.1]                    #  20, 1")
                .contains("(0010,0010) PN [Müller^Jürgen=山田^太郎]")
                .contains("(0028,0030) DS [0.5\\0.5]                                #   8, 2")
                .contains("(0010,1002) SQ (Sequence with undefined length)         # u/l, 1")
                .contains("  (fffe,e000) na (Item with undefined length)             # u/l, 1 Item\n")
                .contains("    (0010,0020) LO [OTHER-ID]                               #   8, 1")
                .contains("  (fffe,e00d) na (ItemDelimitationItem)                   #   0, 0 ItemDelimitationItem\n")
                .contains("(fffe,e0dd) na (SequenceDelimitationItem)               #   0, 0 SequenceDelimitationItem\n")
                .contains("(0028,0010) US 64                                       #   2, 1")
                .contains("(7fe0,0010) OW 0700\\150e\\231c\\");
        String pixelLine = run.out().lines().filter(l -> l.startsWith("(7fe0,0010)")).findFirst().orElseThrow();
        assertThat(pixelLine).contains("...").endsWith("# 4096, 1 PixelData");
    }

    @Test
    void printsWhatWasReadThenOneErrorLine() throws Exception {
        Path file = ToolFixtures.writeSample(dir, "ct.dcm", TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] bytes = Files.readAllBytes(file);
        Path truncated = Files.write(dir.resolve("cut.dcm"), Arrays.copyOf(bytes, bytes.length - 10));
        ToolFixtures.Run run = dump(truncated.toString());

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.out()).contains("(0010,0010) PN");
        assertThat(run.err().lines()).singleElement().asString().startsWith("vna dump: " + truncated + ": unexpected end of input");
    }

    @Test
    void badCommandLines() {
        assertThat(dump().exit()).isEqualTo(ToolRunner.USAGE);
        assertThat(dump("-x").exit()).isEqualTo(ToolRunner.USAGE);
        assertThat(dump(dir.resolve("none").toString()).err()).endsWith(": no such file\n");
    }

    static Stream<Sample> samples() {
        return SharedSamples.arguments();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySampleIsListedOrRefusedInOneLine(Sample sample) throws Exception {
        SharedSamples.require(sample);
        assumeFalse(Files.size(sample.path()) > 64 << 20, "large file");
        ToolFixtures.Run run = dump(sample.path().toString());
        assertThat(run.exit()).as(run.err()).isIn(0, 1);
        assertThat(run.err().lines().count()).as(run.err()).isLessThanOrEqualTo(1);
    }
}
