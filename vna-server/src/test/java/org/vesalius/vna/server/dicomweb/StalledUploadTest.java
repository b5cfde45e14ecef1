package org.vesalius.vna.server.dicomweb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * {@code server.tomcat.connection-timeout} applies to the body too: an upload that stalls is
 * answered and its connection closed, so it does not hold a request thread (and a STOW-RS slot)
 * for ever (issue 12, point 7). Lowered to 2 s here; the default is 20 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.tomcat.connection-timeout=2s", "vna.stow.max-concurrent=1"})
class StalledUploadTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void aStalledBodyIsDroppedAndItsSlotFreed() throws Exception {
        byte[] body = StowControllerTest.body(Files.readAllBytes(StowControllerTest.sample("pydicom/test_files/CT_small.dcm")));
        String response;
        try (Socket stalled = new Socket("127.0.0.1", port)) {
            // The socket's own timeout is only a hang guard, far above the server's.
            stalled.setSoTimeout(120_000);
            OutputStream out = stalled.getOutputStream();
            out.write(("POST /dicomweb/studies HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: "
                    + StowControllerTest.TYPE + "\r\nContent-Length: " + body.length
                    + "\r\nAccept: application/dicom+json\r\n\r\n").getBytes(ISO_8859_1));
            out.write(body, 0, 200);
            out.flush();
            // Nothing more is sent: the server gives up on the body, answers and closes.
            InputStream in = stalled.getInputStream();
            response = new String(in.readAllBytes(), ISO_8859_1);
        }

        assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json");
        try (Socket next = new Socket("127.0.0.1", port)) {
            next.setSoTimeout(120_000);
            OutputStream out = next.getOutputStream();
            out.write(("POST /dicomweb/studies HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: "
                    + StowControllerTest.TYPE + "\r\nContent-Length: " + body.length
                    + "\r\nAccept: application/dicom+json\r\nConnection: close\r\n\r\n").getBytes(ISO_8859_1));
            out.write(body);
            out.flush();
            assertThat(new String(next.getInputStream().readAllBytes(), ISO_8859_1)).startsWith("HTTP/1.1 200");
        }
    }
}
