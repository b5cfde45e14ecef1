package org.vesalius.vna.server.durability;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.samples.ImageBombs;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.ServerProcess;

/**
 * Decompression and dimension bombs end to end (issue 12, point 1): a server with a 256 MB heap
 * that exits on the first {@link OutOfMemoryError} stores a 602-byte RLE object declaring 32,767 ×
 * 32,767 pixels (1 GB decoded) and a JPEG object declaring 16 × 16 whose SOF claims 20,000 ×
 * 20,000 (400 MB decoded), and is asked to render them, make thumbnails, decode frame 1 and
 * serve a WADO-URI image, and to transcode them (WADO-URI and WADO-RS). Every answer is a 406 problem with the reason; the server is alive
 * afterwards, still renders an honest image, and its heap stayed within its maximum. Before the
 * checks each of these requests ended the process.
 */
class ImageBombIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STUDY = "1.2.826.0.1.3680043.10.1338.12";
    private static final ImageBombs.Ids RLE = new ImageBombs.Ids(STUDY, STUDY + ".1", STUDY + ".1.1");
    private static final ImageBombs.Ids JPEG = new ImageBombs.Ids(STUDY, STUDY + ".2", STUDY + ".2.1");
    private static final ImageBombs.Ids HONEST = new ImageBombs.Ids(STUDY, STUDY + ".3", STUDY + ".3.1");

    private static Path scratch;
    private static ServerProcess server;

    @BeforeAll
    static void start() throws Exception {
        Checkout.requireServerJar();
        scratch = Checkout.newScratchDirectory("image-bombs");
        server = ServerProcess.builder("image-bombs").dataDirectory(scratch.resolve("server"))
                .jvmOptions("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError").build();
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (scratch != null) {
            FileSystemUtils.deleteRecursively(scratch.toFile());
        }
    }

    @Test
    void bombsAreStoredButNeverDecodedAndTheServerStaysUp() throws Exception {
        byte[] rle = ImageBombs.part10(RLE, ImageBombs.RLE, 32767, 32767, ImageBombs.rleFrame());
        byte[] jpeg = ImageBombs.part10(JPEG, ImageBombs.JPEG_BASELINE, 16, 16, ImageBombs.jpegClaiming(20000, 20000));
        byte[] honest = ImageBombs.part10(HONEST, ImageBombs.JPEG_BASELINE, 8, 8, ImageBombs.jpegClaiming(8, 8));
        assertThat(rle.length).isLessThan(1024);
        assertThat(jpeg.length).isLessThan(1024);
        stow(List.of(rle, jpeg, honest));

        for (ImageBombs.Ids bomb : List.of(RLE, JPEG)) {
            String instance = "/dicomweb/studies/" + bomb.study() + "/series/" + bomb.series() + "/instances/" + bomb.instance();
            refused(server.get(instance + "/rendered", "image/jpeg"), "rendered " + bomb.instance());
            refused(server.get(instance + "/thumbnail", "image/jpeg"), "thumbnail " + bomb.instance());
            refused(server.get(instance + "/frames/1/rendered", "image/png"), "rendered frame " + bomb.instance());
            refused(server.get(instance + "/frames/1", "application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1"),
                    "decoded frame " + bomb.instance());
            refused(server.get("/wado?requestType=WADO&studyUID=" + bomb.study() + "&seriesUID=" + bomb.series() + "&objectUID="
                    + bomb.instance() + "&contentType=image/jpeg"), "WADO-URI image " + bomb.instance());
        }
        // Transcoding is refused before a byte is sent: the RLE bomb declares its size in the data
        // set, the JPEG bomb's codestream claims more than its data set.
        for (ImageBombs.Ids bomb : List.of(RLE, JPEG)) {
            refused(server.get("/wado?requestType=WADO&studyUID=" + STUDY + "&seriesUID=" + bomb.series() + "&objectUID="
                    + bomb.instance() + "&contentType=application/dicom&transferSyntax=1.2.840.10008.1.2.1"),
                    "WADO-URI transcoding " + bomb.instance());
            refused(server.get("/dicomweb/studies/" + STUDY + "/series/" + bomb.series() + "/instances/" + bomb.instance(),
                    "multipart/related; type=\"application/dicom\"; transfer-syntax=1.2.840.10008.1.2.1"),
                    "WADO-RS transcoding " + bomb.instance());
        }

        // Still up, still rendering what is honest, the heap within its maximum.
        assertThat(server.isRunning()).isTrue();
        assertThat(server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> ok = server.get("/dicomweb/studies/" + STUDY + "/series/" + HONEST.series() + "/instances/"
                + HONEST.instance() + "/rendered", "image/jpeg");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        String metrics = server.get("/actuator/prometheus").body();
        long used = sum(metrics, "jvm_memory_used_bytes");
        long max = sum(metrics, "jvm_memory_max_bytes");
        System.out.printf("heap after the bombs: %d MB used of %d MB%n", used >> 20, max >> 20);
        assertThat(used).isLessThanOrEqualTo(max);
        assertThat(Files.readString(server.log())).doesNotContain("java.lang.OutOfMemoryError");
    }

    /**
     * C-GET to getscu, which takes uncompressed syntaxes only: the bombs' conversion is a failed
     * sub-operation (the RLE bomb's before anything is sent), the honest image arrives converted,
     * the association ends normally.
     */
    @Test
    void cGetConversionOfTheBombsIsAFailedSubOperation() throws Exception {
        Dcmtk.require("getscu");
        stow(List.of(ImageBombs.part10(RLE, ImageBombs.RLE, 32767, 32767, ImageBombs.rleFrame()),
                ImageBombs.part10(JPEG, ImageBombs.JPEG_BASELINE, 16, 16, ImageBombs.jpegClaiming(20000, 20000)),
                ImageBombs.part10(HONEST, ImageBombs.JPEG_BASELINE, 8, 8, ImageBombs.jpegClaiming(8, 8))));
        Path received = Files.createDirectories(scratch.resolve("getscu"));
        for (ImageBombs.Ids ids : List.of(RLE, JPEG, HONEST)) {
            Dcmtk.Result get = Dcmtk.run(List.of("getscu", "-v", "-S", "-aet", "GETSCU", "-aec", ServerProcess.AE_TITLE, "127.0.0.1",
                    Integer.toString(server.dicomPort()), "-od", received.toString(), "-k", "QueryRetrieveLevel=SERIES",
                    "-k", "StudyInstanceUID=" + ids.study(), "-k", "SeriesInstanceUID=" + ids.series()));
            String output = get.stdout() + get.stderr();
            System.out.println("getscu " + ids.series() + ":\n" + output);
            // "Peer aborted": the archive gave up in the middle of a data set. (getscu itself may abort
            // after a final response whose data set, the Failed SOP Instance UID List, arrives late.)
            assertThat(output).as(output).doesNotContain("Peer aborted");
            if (ids == HONEST) {
                assertThat(Files.exists(received.resolve("SC." + ids.instance()))).as(output).isTrue();
            } else {
                assertThat(output).as(output).containsPattern("Number of Failed Suboperations +: 1");
                assertThat(Files.exists(received.resolve("SC." + ids.instance()))).as(output).isFalse();
            }
        }
        assertThat(server.isRunning()).isTrue();
        assertThat(server.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    private static void refused(HttpResponse<String> r, String what) throws Exception {
        assertThat(r.statusCode()).as(what + ": " + r.body()).isEqualTo(406);
        assertThat(r.headers().firstValue("Content-Type")).as(what).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(r.body());
        assertThat(problem.path("detail").asText()).as(what).containsAnyOf("more than", "the codestream declares");
    }

    /** Sum of the heap pools' values of a Prometheus gauge. */
    private static long sum(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*area=\"heap\"[^}]*} ([0-9.E+-]+)$").matcher(metrics);
        long total = 0;
        while (m.find()) {
            double v = Double.parseDouble(m.group(1));
            total += v > 0 ? (long) v : 0;
        }
        return total;
    }

    private static int stow(List<byte[]> parts) throws Exception {
        String boundary = "bombs-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(US_ASCII));
            body.writeBytes(part);
            body.writeBytes("\r\n".getBytes(US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(US_ASCII));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri("/dicomweb/studies"))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json").POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isIn(200, 202, 409); // 409: already stored by the other test
        return r.statusCode();
    }
}
