package org.vesalius.vna.server.durability;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.server.process.ServerProcess;

/**
 * Many HTTP clients at once, each on its own platform thread and all through one {@link HttpClient}
 * (HTTP/1.1, so a connection per client in flight): STOW-RS posts of one instance (512 bytes of
 * pixels, or 3 MB for the first post of every other poster), QIDO-RS searches, WADO-RS retrieves
 * and health probes, in turn by client number; a few posters die in the middle of their upload.
 * Every answer, or the exception instead of one, is recorded. The client is closed at the end, so none of its
 * connections stays open on the server.
 */
final class HttpLoad {

    private static final String BOUNDARY = "vesalius-load-boundary";
    static final String STOW_TYPE = "multipart/related; type=\"application/dicom\"; boundary=\"" + BOUNDARY + "\"";
    private static final Duration GUARD = Duration.ofMinutes(3);
    private static final int LARGE_ROWS = 6144;

    /**
     * One request and what came of it.
     *
     * @param status     the HTTP status, or -1 when no answer came ({@code error} says why)
     * @param retryAfter the {@code Retry-After} header, or null
     * @param sop        the SOP Instance UID a STOW-RS request carried, else null
     */
    record Outcome(String kind, String target, int status, String retryAfter, String error, String body, String sop) {
    }

    /** What the clients ask for: the study and series that hold {@code instance}, stored beforehand. */
    record Targets(String study, String series, String instance, String stowStudy) {
    }

    private final ServerProcess server;
    private final Targets targets;

    HttpLoad(ServerProcess server, Targets targets) {
        this.server = server;
        this.targets = targets;
    }

    /** {@code clients} clients, started together, {@code requests} requests each. */
    List<Outcome> run(int clients, int requests) throws InterruptedException {
        Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(60)).build()) {
            List<Thread> threads = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int client = c;
                threads.add(Thread.ofPlatform().name("http-client-" + c).start(() -> {
                    try {
                        start.await();
                        for (int r = 0; r < requests; r++) {
                            outcomes.add(send(http, client, r));
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
            }
            start.countDown();
            for (Thread t : threads) {
                if (!t.join(GUARD)) {
                    throw new IllegalStateException(t.getName() + " still waiting after " + GUARD);
                }
            }
        }
        return List.copyOf(outcomes);
    }

    /** One STOW-RS post of {@code sop}, with a client of its own (closed at once). */
    Outcome stow(String sop) {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return exchange(http, "stow", stowRequest(sop, 1), sop);
        }
    }

    private Outcome send(HttpClient http, int client, int request) {
        String instance = "/dicomweb/studies/" + targets.study() + "/series/" + targets.series() + "/instances/" + targets.instance();
        return switch (client % 4) {
            case 0 -> {
                String sop = targets.stowStudy() + "." + client + "." + request;
                // Every other poster starts with 3 MB: refused, it must still get its 503, not a reset
                // (with Tomcat's max-swallow-size at 2 MB, some got a reset).
                boolean large = client % 8 == 0 && request == 0;
                if (client % 40 == 20 && request == 0) {
                    yield cutUpload(sop);
                }
                yield exchange(http, large ? "stow 3MB" : "stow", stowRequest(sop, large ? LARGE_ROWS : 1), sop);
            }
            case 1 -> exchange(http, "qido", get(request % 2 == 0
                    ? "/dicomweb/studies/" + targets.study() + "/series"
                    : "/dicomweb/instances?StudyInstanceUID=" + targets.study() + "&includefield=all", "application/dicom+json"), null);
            case 2 -> exchange(http, "wado", request % 2 == 0
                    ? get(instance, "multipart/related; type=\"application/dicom\"; transfer-syntax=*")
                    : get(instance + "/metadata", "application/dicom+json"), null);
            default -> exchange(http, "health", get(request % 2 == 0 ? "/actuator/health/readiness" : "/api/status",
                    "application/json"), null);
        };
    }

    private HttpRequest get(String pathAndQuery, String accept) {
        return HttpRequest.newBuilder(server.uri(pathAndQuery)).timeout(GUARD).header("Accept", accept).GET().build();
    }

    private HttpRequest stowRequest(String sop, int rows) {
        return HttpRequest.newBuilder(server.uri("/dicomweb/studies")).timeout(GUARD)
                .header("Content-Type", STOW_TYPE).header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(stowBody(sop, rows))).build();
    }

    /**
     * A client that dies in the middle of a 3 MB upload: half the body, then the connection is
     * reset. The archive must keep nothing of it, hold nothing open and give its STOW-RS slot back.
     */
    private Outcome cutUpload(String sop) {
        byte[] body = stowBody(sop, LARGE_ROWS);
        String error = null;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.httpPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /dicomweb/studies HTTP/1.1\r\nHost: 127.0.0.1:" + server.httpPort() + "\r\nContent-Type: "
                    + STOW_TYPE + "\r\nContent-Length: " + body.length + "\r\nAccept: application/dicom+json\r\n\r\n")
                    .getBytes(ISO_8859_1));
            out.write(body, 0, body.length / 2);
            out.flush();
            socket.setSoLinger(true, 0); // close with a reset, as when the client's process dies
        } catch (IOException e) {
            error = e.toString(); // the archive refused it (503) and closed first: as good
        }
        return new Outcome("stow cut", "POST /dicomweb/studies", -1, null, error, null, sop);
    }

    /** {@code rows} rows of 256 16-bit pixels: 1 is a 512-byte image, {@value #LARGE_ROWS} one of 3 MB. */
    private byte[] stowBody(String sop, int rows) {
        Dataset ds = TestObjects.ct(sop, "LOAD-HTTP", null, rows * 512, sop.hashCode());
        ds.setInt(Tags.Rows, VR.US, rows);
        ds.setInt(Tags.Columns, VR.US, 256);
        ds.setString(Tags.StudyInstanceUID, VR.UI, targets.stowStudy());
        ds.setString(Tags.SeriesInstanceUID, VR.UI, targets.stowStudy() + ".1");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(ISO_8859_1));
        body.writeBytes(TestObjects.part10(ds));
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(ISO_8859_1));
        return body.toByteArray();
    }

    private static Outcome exchange(HttpClient http, String kind, HttpRequest request, String sop) {
        String target = request.method() + " " + request.uri().getRawPath();
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String body = r.statusCode() == 200 && !kind.startsWith("stow") ? "" : new String(r.body(), ISO_8859_1);
            return new Outcome(kind, target, r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), null,
                    body.length() > 500 ? body.substring(0, 500) : body, sop);
        } catch (IOException e) {
            return new Outcome(kind, target, -1, null, e.toString(), null, sop);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(kind, target, -1, null, e.toString(), null, sop);
        }
    }
}
