package org.vesalius.dicom.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.io.TruncatedDicomException;

class ToolRunnerTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ToolRunner runner = new ToolRunner("json", new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void unexpectedFailuresAreOneLineWithAHintAndExitCodeTwo() {
        int exit = runner.runOn(Path.of("f.dcm"), f -> {
            throw new IllegalStateException("broken\ninvariant");
        });
        assertThat(exit).isEqualTo(ToolRunner.INTERNAL_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("vna json: f.dcm: internal error, please report it: IllegalStateException: broken invariant\n");
    }

    @Test
    void errorsOfTheVirtualMachineToo() {
        int exit = runner.runOn(Path.of("f.dcm"), f -> {
            throw new StackOverflowError();
        });
        assertThat(exit).isEqualTo(ToolRunner.INTERNAL_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(1);
    }

    @Test
    void malformedInputAndIoErrorsExitWithOne() {
        assertThat(runner.runOn(Path.of("a"), f -> {
            throw new TruncatedDicomException(4, 100, 0x7FE00010);
        })).isEqualTo(ToolRunner.BAD_INPUT);
        assertThat(runner.runOn(Path.of("b"), f -> {
            throw new IOException("disk on fire");
        })).isEqualTo(ToolRunner.BAD_INPUT);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "vna json: a: unexpected end of input, 4 more byte(s) expected in element (7FE0,0010) at byte offset 100\n"
                        + "vna json: b: cannot read: disk on fire\n");
    }

    @Test
    void aWholeToolIsGuardedToo() {
        int exit = ToolRunner.guard("dump", new PrintStream(err, true, StandardCharsets.UTF_8), () -> {
            throw new IllegalArgumentException("bad");
        });
        assertThat(exit).isEqualTo(ToolRunner.INTERNAL_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("vna dump: internal error, please report it: IllegalArgumentException: bad\n");
    }
}
