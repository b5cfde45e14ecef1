package org.vesalius.vna.archive.dicomweb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules {@link MultipartReaderTest} holds our reader to, replayed on the two streaming MIME
 * libraries ({@link LibraryMultipart}): the measured half of why STOW-RS keeps its own reader
 * (vna-archive README, "STOW-RS multipart: ours, measured"). Each library's outcome is pinned, so a
 * new version that changes one shows up here.
 */
class MultipartLibrariesTest {

    private static final String B = "d1c0m-b0undary";

    interface Opener {
        LibraryMultipart.Parts open(InputStream body, String boundary) throws IOException;
    }

    static final Map<String, Opener> IMPLEMENTATIONS = Map.of(
            "ours", LibraryMultipart::ours,
            "mime4j", LibraryMultipart::mime4j,
            "fileupload2", LibraryMultipart::fileUpload);

    /** The parts as {@code type|content}, or {@code ERROR: ...} when reading fails. */
    static String read(Opener opener, InputStream body) {
        List<String> out = new ArrayList<>();
        try {
            LibraryMultipart.Parts parts = opener.open(body, B);
            MultipartReader.Part part;
            while ((part = parts.next()) != null) {
                out.add(part.contentType().orElse("-") + "|" + new String(part.content().readAllBytes(), ISO_8859_1));
            }
            return String.join(" ; ", out);
        } catch (IOException | RuntimeException e) {
            return "ERROR after " + out.size() + " part(s): " + e.getClass().getSimpleName();
        }
    }

    static InputStream body(String s) {
        return new ByteArrayInputStream(s.getBytes(ISO_8859_1));
    }

    static Map<String, String> outcomes(String body) {
        Map<String, String> out = new TreeMap<>();
        IMPLEMENTATIONS.forEach((name, opener) -> out.put(name, read(opener, body(body))));
        return out;
    }

    private static final String OK_BOTH = "application/dicom|first\r\n-- not a boundary\r\n-- still data\r\n ; application/dicom|second";

    /** Scenario, body, then the outcome for ours, Mime4j (strict), FileUpload 2. */
    static Stream<Arguments> scenarios() {
        return Stream.of(
                row("plain two parts",
                        "--" + B + "\r\nContent-Type: application/dicom\r\n\r\nfirst\r\n--" + B
                                + "\r\nContent-Type: application/dicom\r\n\r\nsecond\r\n--" + B + "--\r\n",
                        "application/dicom|first ; application/dicom|second",
                        "application/dicom|first ; application/dicom|second",
                        "application/dicom|first ; application/dicom|second"),
                row("preamble, transport padding, data that looks like a boundary, epilogue",
                        "This is the preamble.\r\n--" + B + "  \t\r\nContent-Type: application/dicom\r\n\r\n"
                                + "first\r\n-- not a boundary\r\n-- still data\r\n\r\n--" + B + "\r\ncontent-type: application/dicom\r\n\r\n"
                                + "second\r\n--" + B + "--\r\nepilogue, never read",
                        OK_BOTH, OK_BOTH, ""),
                row("an empty part without headers",
                        "--" + B + "\r\n\r\n\r\n--" + B + "\r\nContent-Type: application/dicom\r\n\r\nx\r\n--" + B + "--",
                        "-| ; application/dicom|x",
                        "ERROR after 0 part(s): MultipartException",
                        "-|--" + B + "\r\nContent-Type: application/dicom\r\n\r\nx"),
                row("headers ending in bare LF",
                        "--" + B + "\r\nContent-Type: application/dicom\n\nx\r\n--" + B + "--",
                        "application/dicom|x", "application/dicom|x", "ERROR after 0 part(s): MultipartException"),
                row("a wrong boundary",
                        "--other\r\nContent-Type: application/dicom\r\n\r\nx\r\n--other--",
                        "ERROR after 0 part(s): MultipartException", "ERROR after 0 part(s): MimeIOException", ""),
                row("a body cut inside a part",
                        "--" + B + "\r\nContent-Type: application/dicom\r\n\r\nhalf a part",
                        "ERROR after 0 part(s): MultipartException", "ERROR after 0 part(s): MimeIOException",
                        "ERROR after 0 part(s): MalformedStreamException"),
                row("no close delimiter",
                        "--" + B + "\r\nContent-Type: application/dicom\r\n\r\nx\r\n--" + B + "\r\n",
                        "ERROR after 1 part(s): MultipartException", "ERROR after 1 part(s): MultipartException",
                        "ERROR after 1 part(s): MultipartException"),
                row("oversized part headers",
                        "--" + B + "\r\nX: " + "a".repeat(20_000) + "\r\n\r\nx\r\n--" + B + "--",
                        "ERROR after 0 part(s): MultipartException", "ERROR after 0 part(s): MultipartException",
                        "ERROR after 0 part(s): MultipartException"),
                row("a boundary followed by other text",
                        "--" + B + "\r\n\r\nx\r\n--" + B + "X junk\r\n\r\ny\r\n--" + B + "--",
                        "ERROR after 1 part(s): MultipartException", "ERROR after 0 part(s): MultipartException", "-|y"));
    }

    private static Arguments row(String scenario, String body, String ours, String mime4j, String fileUpload) {
        return Arguments.of(scenario, body, Map.of("ours", ours, "mime4j", mime4j, "fileupload2", fileUpload));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void eachReaderReadsTheBodyAsPinned(String scenario, String body, Map<String, String> expected) {
        assertThat(outcomes(body)).isEqualTo(new TreeMap<>(expected));
    }
}
