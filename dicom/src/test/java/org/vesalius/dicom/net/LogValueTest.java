package org.vesalius.dicom.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogValueTest {

    @Test
    void plain_values_are_unchanged() {
        String uid = "1.2.840.10008.5.1.4.1.1.2";
        assertThat(LogValue.escape(uid)).isSameAs(uid);
        assertThat(LogValue.escape("STORESCU  ")).isEqualTo("STORESCU  ");
        assertThat(LogValue.escape("Müller^Zoë")).isEqualTo("Müller^Zoë");
    }

    @Test
    void line_breaks_and_other_controls_are_escaped() {
        assertThat(LogValue.escape("1.2.3\n[main] INFO forged line")).isEqualTo("1.2.3\\n[main] INFO forged line");
        assertThat(LogValue.escape("a\r\nb\tc")).isEqualTo("a\\r\\nb\\tc");
        assertThat(LogValue.escape("\u0000\u001b[31m\u007f\u0085\u009f")).isEqualTo("\\u0000\\u001b[31m\\u007f\\u0085\\u009f");
        assertThat(LogValue.escape("x\u2028y\u2029")).isEqualTo("x\\u2028y\\u2029");
    }

    @Test
    void a_backslash_is_doubled_so_an_escape_cannot_be_faked() {
        assertThat(LogValue.escape("a\\nb")).isEqualTo("a\\\\nb");
        assertThat(LogValue.escape("a\\nb")).isNotEqualTo(LogValue.escape("a\nb"));
    }

    @Test
    void as_a_logging_argument_it_escapes_when_formatted() {
        assertThat(LogValue.of("A\nB")).hasToString("A\\nB");
        assertThat(LogValue.of(null)).hasToString("null");
        assertThat(LogValue.escape(null)).isEqualTo("null");
    }
}
