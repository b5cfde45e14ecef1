package org.vesalius.vna.server.durability;

import static java.nio.charset.StandardCharsets.US_ASCII;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.vesalius.dicom.net.service.DimseClient;
import org.vesalius.dicom.net.service.DimseResponse;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest.Entry;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.ServerProcess;

/**
 * The clients of {@link DiskFullIT}, recording exactly what the server answered: C-STORE one
 * instance at a time on one association (status and Error Comment), STOW-RS as one multipart
 * request (status, Retry-After, the Store Instances Response), and {@code vna verify} as
 * {@code ./vna verify} runs it (the server jar in command mode, a process of its own).
 */
final class DiskFullClients {

    /** A C-STORE answer: the status, or -1 when none came (the association broke), and the Error Comment. */
    record StoreAnswer(int status, String errorComment) {
        @Override
        public String toString() {
            return (status < 0 ? "no answer" : String.format("%04X", status)) + (errorComment == null ? "" : " \"" + errorComment + "\"");
        }
    }

    /**
     * A Store Instances Response.
     *
     * @param referenced the SOP Instance UIDs of the Referenced SOP Sequence
     * @param failed     Failure Reason by SOP Instance UID, from the Failed SOP Sequence
     */
    record StowAnswer(int status, Optional<String> retryAfter, Set<String> referenced, Map<String, Integer> failed, String body) {
        @Override
        public String toString() {
            return status + " Retry-After " + retryAfter.orElse("(none)") + ", body " + body;
        }
    }

    /** What {@code vna verify} printed and its exit code. */
    record Verify(int exitCode, String output) {
        String summary() {
            return output.lines().filter(l -> l.startsWith("verify:")).findFirst().orElse("(no summary line)");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ServerProcess server;
    private final Path dataSet;
    private final DimseClient scu = DimseClient.of(DicomClient.builder().build());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DiskFullClients(ServerProcess server, Path dataSet) {
        this.server = server;
        this.dataSet = dataSet;
    }

    /** C-STORE of each of {@code entries} in turn on one association (a new one if the server aborted it). */
    Map<Entry, StoreAnswer> cStore(List<Entry> entries) throws IOException {
        Map<Entry, StoreAnswer> answers = new LinkedHashMap<>();
        for (StoreAnswer a : send(entries, entries.size(), Integer.MAX_VALUE)) {
            answers.put(entries.get(answers.size()), a);
        }
        return answers;
    }

    /**
     * C-STORE of {@code entries} over and over (at most {@code max} sends) until three are refused;
     * the answers in order.
     */
    List<StoreAnswer> cStoreUntilRefused(List<Entry> entries, int max) throws IOException {
        return send(entries, max, 3);
    }

    private List<StoreAnswer> send(List<Entry> entries, int max, int refusals) throws IOException {
        List<StoreAnswer> answers = new ArrayList<>();
        Association as = null;
        try {
            for (int n = 0, refused = 0; n < max && refused < refusals; n++) {
                Entry e = entries.get(n % entries.size());
                if (as == null) {
                    as = scu.connect("127.0.0.1", server.dicomPort(), request(entries));
                }
                StoreAnswer answer;
                try {
                    DimseResponse r = scu.store(as, dataSet.resolve(e.file()));
                    answer = new StoreAnswer(r.status().code(), r.errorComment());
                } catch (IOException ex) {
                    answer = new StoreAnswer(-1, String.valueOf(ex));
                    as.close();
                    as = null;
                }
                answers.add(answer);
                if (answer.status() != 0) {
                    refused++;
                }
            }
            if (as != null) {
                as.release();
            }
        } finally {
            if (as != null) {
                as.close();
            }
        }
        return answers;
    }

    /** One STOW-RS request with a part per entry. */
    StowAnswer stow(List<Entry> entries) throws IOException, InterruptedException {
        String boundary = "disk-full-" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Entry e : entries) {
            body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes(US_ASCII));
            body.writeBytes(Files.readAllBytes(dataSet.resolve(e.file())));
            body.writeBytes("\r\n".getBytes(US_ASCII));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(US_ASCII));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri("/dicomweb/studies")).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json").POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Set<String> referenced = new LinkedHashSet<>();
        Map<String, Integer> failed = new LinkedHashMap<>();
        if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/dicom+json")) {
            JsonNode response = JSON.readTree(r.body());
            for (JsonNode item : response.path("00081199").path("Value")) {
                referenced.add(item.path("00081155").path("Value").path(0).asText());
            }
            for (JsonNode item : response.path("00081198").path("Value")) {
                failed.put(item.path("00081155").path("Value").path(0).asText(), item.path("00081197").path("Value").path(0).asInt());
            }
        }
        return new StowAnswer(r.statusCode(), r.headers().firstValue("Retry-After"), referenced, failed, r.body());
    }

    /** {@code vna verify} against the server's blob store, index and ingest log (read-only beside the running server). */
    Verify verify(String elasticsearchUrl, Path ingestLog, Path report) throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-jar", Checkout.serverJar().toString(), "verify",
                "--vna.storage.fs.root=" + server.blobRoot(), "--vna.elasticsearch.url=" + elasticsearchUrl,
                "--vna.elasticsearch.index-prefix=" + server.indexPrefix(), "--vna.ingest.log.directory=" + ingestLog,
                "--vna.verify.report=" + report);
        Process p = new ProcessBuilder(command).directory(report.getParent().toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("vna verify did not end within 3 minutes:\n" + output);
        }
        return new Verify(p.exitValue(), output);
    }

    /** A context per SOP Class and transfer syntax of the entries, each file sent as it is encoded. */
    private static AssociationRequest request(List<Entry> entries) {
        Set<List<String>> contexts = new LinkedHashSet<>();
        entries.forEach(e -> contexts.add(List.of(e.sopClassUid(), e.transferSyntaxUid())));
        AssociationRequest.Builder b = AssociationRequest.builder("DISKFULL", ServerProcess.AE_TITLE);
        contexts.forEach(c -> b.propose(c.get(0), c.get(1)));
        return b.build();
    }
}
