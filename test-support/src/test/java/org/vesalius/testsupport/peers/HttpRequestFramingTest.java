package org.vesalius.testsupport.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fault proxy copies each request exactly: head, then the body its framing says, nothing more. */
class HttpRequestFramingTest {

    @Test
    void aContentLengthBodyIsCopiedAndTheNextRequestStaysInTheStream() throws IOException {
        InputStream in = stream("PUT /b/k?partNumber=2&uploadId=u HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                + "Expect: 100-continue\r\n\r\nhelloGET /next HTTP/1.1\r\n\r\n");
        S3FaultProxy.Request request = HttpRequestFraming.parse(HttpRequestFraming.readHead(in));
        assertThat(request.isUploadPart()).isTrue();
        assertThat(request.partNumber()).isEqualTo(2);
        assertThat(request.headers()).containsEntry("expect", "100-continue").containsEntry("content-length", "5");

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpRequestFraming.copyBody(request, in, body);
        assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(HttpRequestFraming.parse(HttpRequestFraming.readHead(in)).target()).isEqualTo("/next");
        assertThat(HttpRequestFraming.readHead(in)).as("a clean end").isNull();
    }

    @Test
    void aChunkedBodyWithExtensionsAndTrailersIsCopiedByteForByte() throws IOException {
        String chunked = "4;chunk-signature=ab\r\nwiki\r\n5\r\npedia\r\n0\r\nx-amz-checksum-sha256: abc=\r\n\r\n";
        InputStream in = stream("POST /b/k?uploadId=u HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked + "rest");
        S3FaultProxy.Request request = HttpRequestFraming.parse(HttpRequestFraming.readHead(in));
        assertThat(request.isCompleteMultipartUpload()).isTrue();

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        HttpRequestFraming.copyBody(request, in, body);
        assertThat(body.toString(StandardCharsets.US_ASCII)).isEqualTo(chunked);
        assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("rest");
    }

    @Test
    void aTruncatedRequestIsAnError() throws IOException {
        assertThatThrownBy(() -> HttpRequestFraming.readHead(stream("PUT / HTTP/1.1\r\nHost"))).isInstanceOf(IOException.class);
        InputStream in = stream("PUT / HTTP/1.1\r\nContent-Length: 10\r\n\r\nshort");
        S3FaultProxy.Request request = HttpRequestFraming.parse(HttpRequestFraming.readHead(in));
        assertThatThrownBy(() -> HttpRequestFraming.copyBody(request, in, java.io.OutputStream.nullOutputStream()))
                .isInstanceOf(IOException.class);
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }
}
