package org.vesalius.vna.server.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.vesalius.vna.archive.dicomweb.AcceptHeader;
import org.vesalius.vna.archive.dicomweb.ViewerAcceptHeaders;

/**
 * Why DICOMweb Accept headers are parsed by our {@link AcceptHeader} and not by Spring's
 * {@link MediaType} (vna-archive README, "Accept and media types: ours, measured"): replayed on
 * the OHIF Viewer's headers, Spring refuses the one a browser was seen sending for frames, keeps
 * the quotes of quoted parameter values, and refuses a whole range for a garbled q-value. Pinned
 * here so that a Spring version that changes this is noticed.
 */
class SpringMediaTypeFitTest {

    @Test
    void springRefusesTheFramesHeaderOhifSendsWhichOursNegotiates() {
        ViewerAcceptHeaders.Row frames = ViewerAcceptHeaders.ohif().stream().filter(r -> r.name().equals("wado-frames")).findFirst()
                .orElseThrow();
        assertThat(frames.seen()).isTrue();
        assertThat(frames.accept()).isEqualTo("multipart/related; type=application/octet-stream; transfer-syntax=*");

        assertThatThrownBy(() -> MediaType.parseMediaTypes(frames.accept())).isInstanceOf(InvalidMediaTypeException.class)
                .hasMessageContaining("Invalid token character '/'");
        assertThat(AcceptHeader.parse(frames.accept()).ranges()).singleElement()
                .satisfies(r -> assertThat(r.mediaType().parameter("type")).contains("application/octet-stream"));
    }

    @Test
    void ofOhifsRowsSpringParsesOnlyThoseWithoutAnUnquotedTypeParameter() {
        List<String> refused = ViewerAcceptHeaders.ohif().stream().filter(r -> {
            try {
                MediaType.parseMediaTypes(r.accept());
                return false;
            } catch (InvalidMediaTypeException e) {
                return true;
            }
        }).map(ViewerAcceptHeaders.Row::name).toList();

        assertThat(refused).containsExactly("wado-frames");
    }

    @Test
    void springKeepsQuotesOnParameterValuesAndRefusesAGarbledWeight() {
        MediaType quoted = MediaType.parseMediaType("multipart/related; type=\"application/dicom\"; transfer-syntax=\"a,b\"");
        assertThat(quoted.getParameter("type")).isEqualTo("\"application/dicom\"");
        assertThat(AcceptHeader.parse("multipart/related; type=\"application/dicom\"").ranges().get(0).mediaType().parameter("type"))
                .contains("application/dicom");

        assertThatThrownBy(() -> MediaType.parseMediaTypes("application/dicom+json; q=not-a-number"))
                .isInstanceOf(InvalidMediaTypeException.class);
        assertThat(AcceptHeader.parse("application/dicom+json; q=not-a-number").ranges()).singleElement()
                .satisfies(r -> assertThat(r.q()).isEqualTo(1.0));
    }
}
