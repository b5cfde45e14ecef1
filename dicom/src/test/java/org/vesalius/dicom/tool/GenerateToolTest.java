package org.vesalius.dicom.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest;

class GenerateToolTest {

    @TempDir
    Path dir;

    private static ToolFixtures.Run generate(String... args) {
        return ToolFixtures.run(GenerateTool::run, args);
    }

    @Test
    void writesTheDataSetAndSaysWhat() throws Exception {
        Path out = dir.resolve("set");
        ToolFixtures.Run run = generate(out.toString(), "--instances", "40", "--seed", "3", "--matrix", "16");
        assertThat(run.exit()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("generated 40 instances (").contains("seed 3").contains("MANIFEST.tsv");
        assertThat(SyntheticManifest.read(out)).hasSize(40);
    }

    @Test
    void refusesADirectoryInUse() throws Exception {
        Files.writeString(dir.resolve("x"), "");
        ToolFixtures.Run run = generate(dir.toString(), "--instances", "2");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).startsWith("vna generate: ").contains("not empty");
    }

    @Test
    void wrongCommandLinesAreUsageErrors() {
        assertThat(generate().err()).contains("no output directory");
        assertThat(generate().exit()).isEqualTo(64);
        assertThat(generate("d", "--instances").err()).contains("--instances needs a value");
        assertThat(generate("d", "--instances", "many").err()).contains("--instances needs a whole number, not \"many\"");
        assertThat(generate("d", "--instances", "0").err()).contains("instances must be at least 1");
        assertThat(generate("d", "--matrix", "2000").exit()).isEqualTo(64);
        assertThat(generate("d", "--colour").err()).contains("unknown option --colour");
        assertThat(generate("d", "e").err()).contains("one output directory only");
        assertThat(Files.exists(Path.of("d"))).isFalse();
    }

    @Test
    void helpPrintsUsage() {
        ToolFixtures.Run run = generate("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).startsWith("usage: vna generate OUTDIR");
    }
}
