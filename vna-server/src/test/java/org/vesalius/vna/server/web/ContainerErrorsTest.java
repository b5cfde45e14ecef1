package org.vesalius.vna.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * What happens before our code runs, seen over a raw socket (an HTTP client library would escape
 * or refuse these request targets itself, and MockMvc never meets Tomcat's parser): the characters
 * DICOM values carry are accepted raw, and what the container still refuses is a problem+json in
 * the archive's vocabulary, not Tomcat's HTML page. The index is unreachable here, so a query that
 * gets through is a 503 problem from QIDO-RS itself.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContainerErrorsTest {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
    }

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = ' ', value = {
        "/dicomweb/studies?PatientID=HELLO^A",
        "/dicomweb/studies?PatientName=DOE^JOHN",
        "/dicomweb/studies?PatientID=A|B",
        "/dicomweb/studies?PatientID={x}",
        "/dicomweb/studies?PatientID=[x]",
    })
    void dicomCharactersGetThroughRaw(String target) throws IOException {
        Answer a = send("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAccept: application/dicom+json\r\nConnection: close\r\n\r\n");
        assertThat(a.status).as(a.text).isEqualTo(503);
        assertThat(a.text).containsIgnoringCase("Content-Type: application/problem+json").contains("\"code\":\"VNA-UNAVAILABLE\"");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "GET /dicomweb/studies?PatientID=<x> HTTP/1.1                 | 400 | VNA-INVALID-REQUEST",
        "GET /dicomweb/stu%zzdies HTTP/1.1                            | 400 | VNA-INVALID-REQUEST",
        "GET /dicomweb/studies?PatientID=100% HTTP/1.1                | 400 | VNA-INVALID-REQUEST",
        "GET /dicomweb/studies?PatientID=%zz HTTP/1.1                 | 400 | VNA-INVALID-REQUEST",
        "GET /dicomweb/studies HTTP/9.9                               | 505 | VNA-UNSUPPORTED",
        "GET /no/such/path HTTP/1.1                                   | 404 | VNA-NOT-FOUND",
    })
    void whatTheContainerRefusesIsAProblem(String requestLine, int status, String code) throws IOException {
        Answer a = send(requestLine.strip() + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertThat(a.status).as(a.text).isEqualTo(status);
        assertThat(a.text).containsIgnoringCase("Content-Type: application/problem+json").contains("\"code\":\"" + code + "\"")
                .doesNotContainIgnoringCase("<html");
    }

    private record Answer(int status, String text) {
    }

    private Answer send(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            in.transferTo(answer);
            String text = answer.toString(StandardCharsets.UTF_8);
            int status = text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : -1;
            return new Answer(status, text);
        }
    }
}
