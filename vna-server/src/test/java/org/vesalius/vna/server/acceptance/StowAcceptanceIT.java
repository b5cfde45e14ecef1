package org.vesalius.vna.server.acceptance;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.json.DicomJsonReader;

/**
 * The same objects arrive by STOW-RS (streamed multipart bodies of 50 files) into the filesystem
 * blob store; the same query table must hold. Together with {@link DimseAcceptanceIT} this shows
 * that both ingest paths produce the same index state.
 */
class StowAcceptanceIT extends ArchiveAcceptance {

    private static final int PARTS_PER_REQUEST = 50;
    static String prefix;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        prefix = configure(registry, "stow");
        Path root = Files.createTempDirectory("vna-acceptance-stow-");
        registry.add("vna.storage.fs.root", root::toString);
        registry.add("vna.ingest.log.directory", () -> root + "-ingest-log");
    }

    @Override
    String indexPrefix() {
        return prefix;
    }

    @Override
    Set<String> load(List<Path> files) throws Exception {
        return sendByStow(httpPort, files);
    }

    /** STOW-RS of {@code files}, 50 to a request, streamed from disk; the SOP Instance UIDs the server referenced. */
    static Set<String> sendByStow(int httpPort, List<Path> files) throws Exception {
        Set<String> accepted = new TreeSet<>();
        HttpClient http = HttpClient.newHttpClient();
        String boundary = "acceptance-" + System.nanoTime();
        for (int i = 0; i < files.size(); i += PARTS_PER_REQUEST) {
            List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
            for (Path f : files.subList(i, Math.min(files.size(), i + PARTS_PER_REQUEST))) {
                parts.add(HttpRequest.BodyPublishers.ofByteArray(("--" + boundary
                        + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(US_ASCII)));
                parts.add(HttpRequest.BodyPublishers.ofFile(f));
                parts.add(HttpRequest.BodyPublishers.ofByteArray("\r\n".getBytes(US_ASCII)));
            }
            parts.add(HttpRequest.BodyPublishers.ofByteArray(("--" + boundary + "--\r\n").getBytes(US_ASCII)));
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/dicomweb/studies"))
                    .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                    .header("Accept", "application/dicom+json")
                    .POST(HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as(new String(r.body(), US_ASCII)).isIn(200, 202, 409);
            Dataset response = new DicomJsonReader().read(new ByteArrayInputStream(r.body()));
            Sequence referenced = response.getSequence(Tags.ReferencedSOPSequence);
            if (referenced != null) {
                for (Dataset item : referenced) {
                    accepted.add(item.getString(Tags.ReferencedSOPInstanceUID));
                }
            }
        }
        return accepted;
    }
}
