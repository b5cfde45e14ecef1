package org.vesalius.vna.archive.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vesalius.vna.archive.dicomweb.RetrieveNegotiation.DicomChoice;
import org.vesalius.vna.archive.dicomweb.RetrieveNegotiation.FrameChoice;

/** Accept headers as viewers send them (OHIF's exactly), against frames and instances as stored. */
class RetrieveNegotiationTest {

    static final String JPEG = "1.2.840.10008.1.2.4.50";
    static final String JPEG_LOSSLESS = "1.2.840.10008.1.2.4.70";
    static final String ELE = "1.2.840.10008.1.2.1";
    static final String ILE = "1.2.840.10008.1.2";

    @ParameterizedTest(name = "{0} / {1} / {3} frame(s) -> {4}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        // OHIF, unquoted and quoted
        "multipart/related; type=application/octet-stream; transfer-syntax=*|" + JPEG + "|true|1|M application/octet-stream; transfer-syntax=" + JPEG,
        "multipart/related; type=\"application/octet-stream\"; transfer-syntax=\"*\"|" + JPEG + "|true|1|M application/octet-stream; transfer-syntax=" + JPEG,
        "multipart/related; type=application/octet-stream; transfer-syntax=*|" + ELE + "|false|3|M application/octet-stream; transfer-syntax=" + ELE,
        "multipart/related; type=application/octet-stream; transfer-syntax=*|" + ILE + "|false|3|M application/octet-stream; transfer-syntax=" + ELE,
        // the compressed media type, with and without its default syntax
        "multipart/related; type=\"image/jpeg\"|" + JPEG + "|true|2|M image/jpeg; transfer-syntax=" + JPEG,
        "multipart/related; type=\"image/jpeg\"|" + JPEG_LOSSLESS + "|true|2|NONE",
        "multipart/related; type=\"image/jpeg\"; transfer-syntax=" + JPEG_LOSSLESS + "|" + JPEG_LOSSLESS + "|true|2|M image/jpeg; transfer-syntax=" + JPEG_LOSSLESS,
        "multipart/related; type=\"image/jls\"|" + JPEG + "|true|1|NONE",
        // octet-stream without transfer-syntax means uncompressed
        "multipart/related; type=\"application/octet-stream\"|" + JPEG + "|true|1|NONE",
        "multipart/related; type=\"application/octet-stream\"|" + ELE + "|false|1|M application/octet-stream; transfer-syntax=" + ELE,
        "multipart/related|" + ELE + "|false|1|M application/octet-stream; transfer-syntax=" + ELE,
        // several ranges and q-values: the best satisfiable wins
        "multipart/related; type=\"image/jls\";q=0.9, multipart/related; type=\"application/octet-stream\"; transfer-syntax=*;q=0.5|" + JPEG + "|true|1|M application/octet-stream; transfer-syntax=" + JPEG,
        "multipart/related; type=\"image/jpeg\";q=0.2, multipart/related; type=\"application/octet-stream\"; transfer-syntax=*|" + JPEG + "|true|1|M application/octet-stream; transfer-syntax=" + JPEG,
        "multipart/related; type=\"image/jpeg\";q=0, */*;q=0.1|" + JPEG + "|true|1|M image/jpeg; transfer-syntax=" + JPEG,
        // single part only for one frame
        "image/jpeg|" + JPEG + "|true|1|S image/jpeg; transfer-syntax=" + JPEG,
        "image/jpeg|" + JPEG + "|true|2|NONE",
        "application/octet-stream|" + ELE + "|false|1|S application/octet-stream; transfer-syntax=" + ELE,
        "*/*|" + JPEG + "|true|4|M image/jpeg; transfer-syntax=" + JPEG,
        "NONE|" + ELE + "|false|4|M application/octet-stream; transfer-syntax=" + ELE,
        "application/dicom+json|" + ELE + "|false|1|NONE",
    })
    void frames(String accept, String stored, boolean encapsulated, int count, String expected) {
        Optional<FrameChoice> c = RetrieveNegotiation.frames(accept, stored, encapsulated, count);

        assertThat(c.map(x -> (x.multipart() ? "M " : "S ") + x.partType()).orElse(null)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} / single {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "multipart/related; type=\"application/dicom\"; transfer-syntax=*|false|M *",
        "multipart/related; type=application/dicom; transfer-syntax=*|false|M *",
        "multipart/related; type=\"application/dicom\"|false|M " + ELE,
        "multipart/related; type=\"application/dicom\"; transfer-syntax=" + JPEG + "|false|M " + JPEG,
        "application/dicom|true|S " + ELE,
        "application/dicom; transfer-syntax=*|true|S *",
        "application/dicom|false|NONE",
        "*/*|false|M *",
        "NONE|true|M *",
        "application/dicom+json|true|NONE",
        "multipart/related; type=\"application/octet-stream\"|false|NONE",
    })
    void instances(String accept, boolean single, String expected) {
        var choices = RetrieveNegotiation.dicom(accept, single);

        assertThat(choices.isEmpty() ? null : describe(choices.get(0))).isEqualTo(expected);
    }

    private static String describe(DicomChoice c) {
        return (c.multipart() ? "M " : "S ") + (c.syntax() == null ? "*" : c.syntax());
    }
}
