package org.vesalius.vna.archive.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptHeaderTest {

    private static final List<AcceptHeader.Offer<String>> QIDO = List.of(
            AcceptHeader.Offer.of("application/dicom+json", "json"),
            AcceptHeader.Offer.of("application/json", "json"),
            AcceptHeader.Offer.of("multipart/related; type=\"application/dicom+xml\"", "xml"));

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
        "NONE | json",
        "'' | json",
        "*/* | json",
        "application/* | json",
        "application/dicom+json | json",
        "application/json | json",
        "'multipart/related; type=\"application/dicom+xml\"' | xml",
        "'multipart/related; type=application/dicom+xml' | xml",
        "multipart/related | xml",
        "'multipart/related; type=\"application/dicom+xml\", application/dicom+json;q=0.5' | xml",
        "'application/dicom+json;q=0.2, multipart/*;q=0.9' | xml",
        "'application/dicom+json;q=0, application/json;q=0, */*;q=0.1' | xml",
        "'multipart/related; type=\"application/dicom\"' | NONE",
        "image/png | NONE",
        "'image/png, */*;q=0.01' | json",
        "'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' | json",
        "'garbage, application/dicom+json' | json",
        "'application/dicom+json; q=not-a-number' | json",
    })
    void negotiates(String header, String expected) {
        assertThat(AcceptHeader.parse(header).negotiate(QIDO).orElse(null)).isEqualTo(expected);
    }

    @Test
    void commasInsideQuotedParametersDoNotSplitRanges() {
        AcceptHeader h = AcceptHeader.parse("multipart/related; type=\"application/dicom\"; transfer-syntax=\"a,b\", image/jpeg;q=0.5");
        assertThat(h.ranges()).hasSize(2);
        assertThat(h.ranges().get(0).mediaType().parameter("transfer-syntax")).contains("a,b");
        assertThat(h.ranges().get(1).q()).isEqualTo(0.5);
    }

    @Test
    void theMostSpecificRangeDecidesAnOffersWeight() {
        // OHIF-style: everything acceptable, but JSON explicitly refused.
        AcceptHeader h = AcceptHeader.parse("*/*, application/dicom+json;q=0");
        assertThat(h.negotiate(List.of(AcceptHeader.Offer.of("application/dicom+json", "json"),
                AcceptHeader.Offer.of("application/dicom+xml", "xml")))).contains("xml");
    }
}
