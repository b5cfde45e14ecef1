package org.vesalius.vna.hl7.message;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.util.Terser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Hl7ReaderTest {

    private final Hl7Reader reader = new Hl7Reader();

    private static byte[] a08(String charsetField, String name, Charset charset) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("MSH|^~\\&|RIS|HOSP|VNA|HOSP|20261207||ADT^A08^ADT_A01|C1|P|2.5.1||||||" + charsetField + "\rPID|1||P1||")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(name.getBytes(charset));
        out.writeBytes("\r".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private String nameOf(byte[] raw) throws Exception {
        Reading reading = reader.read(raw);
        assertThat(reading.refusal()).isNull();
        Terser t = new Terser(reading.message().message());
        return t.get("/.PID-5-1") + "^" + t.get("/.PID-5-2");
    }

    @Test
    void msh18NamesTheCharacterSetOfTheWholeMessage() throws Exception {
        assertThat(nameOf(a08("8859/1", "Müller^Jürgen", StandardCharsets.ISO_8859_1))).isEqualTo("Müller^Jürgen");
        assertThat(nameOf(a08("UNICODE UTF-8", "Ŝtefan^Ŭrsula", StandardCharsets.UTF_8))).isEqualTo("Ŝtefan^Ŭrsula");
        assertThat(nameOf(a08("ISO IR192", "Ŝtefan^Ŭrsula", StandardCharsets.UTF_8))).isEqualTo("Ŝtefan^Ŭrsula");
        // Japanese: ISO 2022 with escape sequences, as HL7 specifies for ISO IR87.
        assertThat(nameOf(a08("ISO IR6~ISO IR87", "山田^太郎", Charset.forName("ISO-2022-JP")))).isEqualTo("山田^太郎");
        assertThat(nameOf(a08("ISO IR87", "山田^太郎", Charset.forName("ISO-2022-JP")))).isEqualTo("山田^太郎");
    }

    @Test
    void theDeclaredCharacterSetIsUsedNotGuessed() {
        byte[] latin1 = a08("8859/1", "Müller", StandardCharsets.ISO_8859_1);
        assertThat(Hl7Reader.charsetOf(latin1)).isEqualTo(StandardCharsets.ISO_8859_1);
        // Bytes that happen to be valid UTF-8, declared Latin-1: read as declared.
        assertThat(Hl7Reader.charsetOf(a08("8859/1", "Ã¼", StandardCharsets.ISO_8859_1))).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(Hl7Reader.charsetOf(a08("ISO IR87", "山田", Charset.forName("ISO-2022-JP")))).isEqualTo(Charset.forName("ISO-2022-JP"));
    }

    @Test
    void undeclaredIsUtf8WhenItIsElseLatin1() throws Exception {
        assertThat(nameOf(a08("", "Müller^Jürgen", StandardCharsets.UTF_8))).isEqualTo("Müller^Jürgen");
        assertThat(nameOf(a08("", "Müller^Jürgen", StandardCharsets.ISO_8859_1))).isEqualTo("Müller^Jürgen");
    }

    @Test
    void lineFeedsAByteOrderMarkAndTrailingBlanksAreReadAsHl7Means() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        String text = "MSH|^~\\&|RIS|HOSP|VNA|HOSP|20261207||ADT^A08^ADT_A01|C1|P|2.3\r\nPID|1||P1||Doe^Jane\n\n  ";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bom);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        assertThat(nameOf(out.toByteArray())).isEqualTo("Doe^Jane");
    }
}
