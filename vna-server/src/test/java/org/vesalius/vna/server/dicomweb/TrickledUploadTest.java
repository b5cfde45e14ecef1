package org.vesalius.vna.server.dicomweb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * {@code vna.stow.min-body-rate}: a body that trickles (never stalls long enough for the
 * connection timeout) is given up once it has arrived too slowly over the rate window, answered
 * 400 with the rule's name, and its STOW-RS slot freed (issue 12, point 7). Lowered here to
 * 100 bytes/s over 2 s; the defaults are 1 KB/s over 30 s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vna.stow.min-body-rate=100B", "vna.stow.body-rate-window=2s", "vna.stow.max-concurrent=1"})
class TrickledUploadTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void aTricklingBodyIsGivenUpAndItsSlotFreed() throws Exception {
        byte[] body = StowControllerTest.body(Files.readAllBytes(StowControllerTest.sample("pydicom/test_files/CT_small.dcm")));
        String response;
        ExecutorService trickler = Executors.newSingleThreadExecutor();
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.setSoTimeout(120_000); // a hang guard only
            OutputStream out = slow.getOutputStream();
            out.write(("POST /dicomweb/studies HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: "
                    + StowControllerTest.TYPE + "\r\nContent-Length: " + body.length
                    + "\r\nAccept: application/dicom+json\r\n\r\n").getBytes(ISO_8859_1));
            out.write(body, 0, 200);
            out.flush();
            // Then a byte every 200 ms: far below the rate, never idle long enough for a timeout.
            trickler.submit(() -> {
                try {
                    for (int i = 200; i < body.length; i++) {
                        Thread.sleep(200);
                        out.write(body[i]);
                        out.flush();
                    }
                } catch (IOException | InterruptedException closed) {
                    // the server gave up and closed: what the test waits for
                }
                return null;
            });
            response = new String(slow.getInputStream().readAllBytes(), ISO_8859_1);
        } finally {
            trickler.shutdownNow();
        }

        assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json")
                .contains("vna.stow.min-body-rate");
        // The slot is free again: a body sent at full speed is stored.
        HttpResponse<String> stored = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/dicomweb/studies"))
                .header("Content-Type", StowControllerTest.TYPE).header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
    }
}
