package org.vesalius.vna.server.dicomweb;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * {@code vna.stow.max-concurrent}: a STOW-RS request beyond the limit is answered 503 with
 * {@code Retry-After} before its body is read, and the slot comes back when the request holding
 * it ends (issue 12, point 7).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"vna.stow.max-concurrent=1", "vna.stow.retry-after=7s"})
class StowConcurrencyTest {

    private static final Duration GUARD = Duration.ofMinutes(2);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
    }

    @LocalServerPort
    int port;

    HttpResponse<String> post(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dicomweb/studies"))
                .header("Content-Type", StowControllerTest.TYPE).header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** True when the slow request has had no answer yet: it was admitted and waits for its body. */
    private static boolean slowRequestIsWaiting(Socket slow) throws Exception {
        slow.setSoTimeout(500);
        try {
            slow.getInputStream().read(); // an answer (or the end) already came: it was refused
            return false;
        } catch (SocketTimeoutException stillWaiting) {
            return true;
        }
    }

    @Test
    void aBodyBeyondTheLimitIs503WithRetryAfterUntilTheSlotIsFree() throws Exception {
        byte[] sample = Files.readAllBytes(StowControllerTest.sample("pydicom/test_files/CT_small.dcm"));
        byte[] body = StowControllerTest.body(sample);
        HttpResponse<String> busy = null;
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (busy == null && System.nanoTime() < deadline) {
            try (Socket slow = new Socket("127.0.0.1", port)) {
                // A slow upload: headers and the start of its body, then nothing; it holds the one slot.
                OutputStream out = slow.getOutputStream();
                out.write(("POST /dicomweb/studies HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: "
                        + StowControllerTest.TYPE + "\r\nContent-Length: " + body.length
                        + "\r\nAccept: application/dicom+json\r\n\r\n").getBytes(ISO_8859_1));
                out.write(body, 0, 200);
                out.flush();
                // Until the slow request has taken the slot, this one is stored (again: idempotent).
                HttpResponse<String> answer;
                do {
                    answer = post(body);
                    assertThat(answer.statusCode()).as(answer.body()).isIn(200, 503);
                } while (answer.statusCode() != 503 && System.nanoTime() < deadline);
                // The server may have seen the slow request while a quick one held the slot (it was
                // then refused itself, and the quick one's slot was not yet given back): try again.
                if (slowRequestIsWaiting(slow)) {
                    busy = answer;
                    slow.shutdownOutput(); // the body ends early: that request fails and frees its slot
                    slow.setSoTimeout(0);
                    InputStream in = slow.getInputStream();
                    assertThat(new String(in.readAllBytes(), ISO_8859_1)).startsWith("HTTP/1.1 400");
                }
            }
        }
        assertThat(busy).as("the slow request never held the slot").isNotNull();

        assertThat(busy.statusCode()).isEqualTo(503);
        assertThat(busy.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(busy.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(busy.body()).contains("vna.stow.max-concurrent");
        // The slot is given back just after that answer was written.
        HttpResponse<String> after;
        deadline = System.nanoTime() + GUARD.toNanos();
        do {
            after = post(body);
        } while (after.statusCode() == 503 && System.nanoTime() < deadline);
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
    }
}
