package org.vesalius.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.testsupport.samples.SharedData;

/**
 * Runs {@code tools/GenerateDictionary.java} on the shared copy of the standard's tables and
 * checks that its output equals the committed files byte for byte, so that nobody edits the
 * generated files by hand and nobody changes the generator without regenerating.
 *
 * <p>The generator stays a single-file program (runnable without a build) rather than a class
 * on the test classpath, so the test launches it like a developer would: with the source
 * launcher of the JDK running the tests. Skipped when {@code vna.shared} (set by the Maven
 * build to {@code <repo>/../shared}) does not hold {@code dicom-standard/}.
 */
class GeneratedDictionaryUpToDateTest {

    private static final List<String> GENERATED = List.of(
            "src/main/resources/org/vesalius/dicom/data/elements.tsv",
            "src/main/resources/org/vesalius/dicom/data/uids.tsv",
            "src/main/resources/org/vesalius/dicom/data/private-elements.tsv",
            "src/main/resources/org/vesalius/dicom/data/private-elements-NOTICE.txt",
            "src/main/java/org/vesalius/dicom/data/Tags.java",
            "src/main/java/org/vesalius/dicom/data/UID.java");

    @Test
    void committedFilesAreTheGeneratorsOutput(@TempDir Path out) throws Exception {
        Path tables = SharedData.require("dicom-standard/dicom_elements.tsv").getParent();

        Path module = moduleDirectory();
        Path generator = module.resolve("tools/GenerateDictionary.java");
        assertThat(generator).isRegularFile();
        Path log = out.resolve("generator.log");
        Path target = out.resolve("module");
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                generator.toString(), tables.toString(), target.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("generator did not finish within 5 minutes");
        }
        assertThat(process.exitValue()).as("generator exit code; output:%n%s", Files.readString(log))
                .isZero();

        try (Stream<Path> files = Files.walk(target)) {
            assertThat(files.filter(Files::isRegularFile).map(f -> target.relativize(f).toString()))
                    .as("files the generator writes")
                    .containsExactlyInAnyOrderElementsOf(GENERATED);
        }
        for (String file : GENERATED) {
            assertSameBytes(target.resolve(file), module.resolve(file), file);
        }
    }

    /** Surefire runs tests in the module directory and also passes it as {@code basedir}. */
    private static Path moduleDirectory() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }

    private static void assertSameBytes(Path generated, Path committed, String name) throws IOException {
        assertThat(committed).as(name + " is committed").isRegularFile();
        byte[] expected = Files.readAllBytes(generated);
        byte[] actual = Files.readAllBytes(committed);
        if (!Arrays.equals(expected, actual)) {
            fail("%s differs from the generator's output at line %d; regenerate with%n"
                    + "  java dicom/tools/GenerateDictionary.java <shared>/dicom-standard dicom",
                    name, firstDifferentLine(expected, actual));
        }
    }

    private static int firstDifferentLine(byte[] expected, byte[] actual) {
        List<String> a = new String(expected, StandardCharsets.UTF_8).lines().toList();
        List<String> b = new String(actual, StandardCharsets.UTF_8).lines().toList();
        int line = 0;
        while (line < a.size() && line < b.size() && a.get(line).equals(b.get(line))) {
            line++;
        }
        return line + 1;
    }
}
