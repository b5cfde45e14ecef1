package org.vesalius.vna.server.dicomweb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * A STOW-RS request refused before its body is read (here a 400 for the study in the path; the
 * 503 of {@code vna.stow.max-concurrent} goes the same way) gets its answer even when its body is
 * larger than a few socket buffers and the client reads only once it has sent everything, as the
 * JDK's HTTP client does. Tomcat closes such a connection after the answer; with unread bytes
 * left the close is a TCP reset, which makes the client's stack drop the answer it had not read
 * yet. So the body is read and dropped up to {@code server.tomcat.max-swallow-size} (64 MB) first.
 * With the former 2 MB, an 8 MB body got a reset instead of its 400 (and under load, in
 * {@code LoadLimitsIT}, 3 MB posts beyond the STOW-RS limit lost their 503).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RefusedBodyTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void aRefusedEightMegabyteBodyStillGetsItsAnswer() throws Exception {
        byte[] body = new byte[8 << 20];
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000); // hang guard only
            OutputStream out = socket.getOutputStream();
            out.write(("POST /dicomweb/studies/not.a.uid HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: "
                    + StowControllerTest.TYPE + "\r\nContent-Length: " + body.length
                    + "\r\nAccept: application/dicom+json\r\n\r\n").getBytes(ISO_8859_1));
            out.write(body);
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 400").contains("Connection: close").contains("not.a.uid");
        }
    }
}
