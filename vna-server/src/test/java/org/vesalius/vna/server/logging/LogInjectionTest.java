package org.vesalius.vna.server.logging;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.vna.server.dimse.DicomListener;

/**
 * Issue 12, point 9: nothing a peer sends can forge a log line. A hostile session (an AE title, a
 * SOP Instance UID, path segments and query parameters carrying CR/LF and a forged line) runs
 * against the server, and what it really wrote to its console is read back line by line: the
 * forged text never starts a line, and where the values were logged they appear escaped.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class LogInjectionTest {

    /** What a forged line would start with; never at the start of a real one. */
    private static final String FORGED = "FORGED";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    DicomListener listener;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void valuesFromTheWireNeverStartALogLine(CapturedOutput output) throws Exception {
        // The net itself: a call site that forgot to escape, and an exception quoting a peer.
        LoggerFactory.getLogger(LogInjectionTest.class).warn("careless call site: {}", "x\r\n" + FORGED + " 0 direct");
        LoggerFactory.getLogger(LogInjectionTest.class).warn("careless exception",
                new IllegalArgumentException("bad value\n" + FORGED + " 0 exception"));

        byte[] answer = associate("EVIL\n" + FORGED + "1");
        assertThat(answer[0]).as("an A-ASSOCIATE-AC or -RJ, not a dropped connection").isIn((byte) 2, (byte) 3);

        List<Integer> statuses = new ArrayList<>();
        statuses.add(stow(hostileInstance("1.2.3.4\n" + FORGED + "2")).statusCode());
        statuses.add(get("/dicomweb/studies/1.2.3%0A" + FORGED + "3/series").statusCode());
        statuses.add(get("/dicomweb/studies?PatientID=%0D%0A" + FORGED + "4&StudyDate=2020%0A" + FORGED + "5").statusCode());
        statuses.add(get("/wado?requestType=WADO&studyUID=1%0A" + FORGED + "6&seriesUID=2&objectUID=3").statusCode());
        statuses.add(get("/dicomweb/studies/1.2.3/series/4.5/instances/6%0D" + FORGED + "7/frames/1%0A" + FORGED).statusCode());
        statuses.add(get("/fhir/ImagingStudy?patient=%0A" + FORGED + "8").statusCode());
        assertThat(statuses).as("every hostile request answered, none with a server error").allMatch(s -> s < 500 || s == 503);

        String[] lines = output.getAll().split("\r?\n|\r");
        List<String> forged = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith(FORGED)) {
                forged.add(line);
            }
        }
        assertThat(forged).as("log lines a peer forged").isEmpty();
        // The values did reach the log, escaped: the test sees what it claims to see.
        assertThat(output.getAll()).contains("x\\r\\n" + FORGED + " 0 direct", "bad value\\n" + FORGED + " 0 exception",
                "EVIL\\n" + FORGED + "1");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> stow(byte[] part10) throws Exception {
        String boundary = "log-injection";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1));
        body.writeBytes(part10);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(ISO_8859_1));
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dicomweb/studies"))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] hostileInstance(String sopInstanceUid) throws IOException {
        Dataset ds = new Dataset();
        ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tags.SOPInstanceUID, VR.UI, sopInstanceUid);
        ds.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3");
        ds.setString(Tags.SeriesInstanceUID, VR.UI, "1.2.3.4");
        ds.setString(Tags.PatientID, VR.LO, "P\n" + FORGED + "9");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeFile(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), out, EncodingOptions.DEFAULT);
        return out.toByteArray();
    }

    /**
     * Sends an A-ASSOCIATE-RQ for Verification with {@code callingAeTitle} as it is (the toolkit's
     * own requestor refuses such a title) and returns the first 6 bytes of the answer.
     */
    private byte[] associate(String callingAeTitle) throws IOException {
        ByteArrayOutputStream items = new ByteArrayOutputStream();
        item(items, 0x10, ascii("1.2.840.10008.3.1.1.1"));
        ByteArrayOutputStream pc = new ByteArrayOutputStream();
        pc.write(new byte[] {1, 0, 0, 0});
        item(pc, 0x30, ascii("1.2.840.10008.1.1"));
        item(pc, 0x40, ascii("1.2.840.10008.1.2"));
        item(items, 0x20, pc.toByteArray());
        ByteArrayOutputStream user = new ByteArrayOutputStream();
        item(user, 0x51, new byte[] {0, 0, 0x40, 0});
        item(items, 0x50, user.toByteArray());

        ByteArrayOutputStream pdu = new ByteArrayOutputStream();
        pdu.write(new byte[] {0, 1, 0, 0});
        pdu.write(aeTitle("VESALIUS"));
        pdu.write(aeTitle(callingAeTitle));
        pdu.write(new byte[32]);
        pdu.write(items.toByteArray());
        byte[] body = pdu.toByteArray();
        try (Socket socket = new Socket("127.0.0.1", listener.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(new byte[] {1, 0});
            out.write(new byte[] {(byte) (body.length >>> 24), (byte) (body.length >>> 16), (byte) (body.length >>> 8),
                    (byte) body.length});
            out.write(body);
            out.flush();
            byte[] head = new byte[6];
            new DataInputStream(socket.getInputStream()).readFully(head);
            if (head[0] == 2) { // accepted: release politely
                out.write(new byte[] {5, 0, 0, 0, 0, 4, 0, 0, 0, 0});
                out.flush();
            }
            return head;
        }
    }

    private static void item(ByteArrayOutputStream out, int type, byte[] value) {
        out.write(type);
        out.write(0);
        out.write(value.length >>> 8);
        out.write(value.length);
        out.writeBytes(value);
    }

    private static byte[] aeTitle(String title) {
        byte[] padded = "                ".getBytes(ISO_8859_1);
        byte[] raw = title.getBytes(ISO_8859_1);
        System.arraycopy(raw, 0, padded, 0, Math.min(raw.length, 16));
        return padded;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(ISO_8859_1);
    }
}
