package org.vesalius.vna.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A fresh blob store root per test class, and a plain HTTP client. */
public final class ServerTestSupport {

    private ServerTestSupport() {
    }

    /** Points the filesystem blob store at a new temporary directory; returns it. */
    public static Path tempBlobRoot(DynamicPropertyRegistry registry) {
        try {
            Path root = Files.createTempDirectory("vna-server-test-");
            registry.add("vna.storage.fs.root", root::toString);
            // The node's ingest log in a directory of its own (never inside the blob store), one per context.
            Path log = Files.createTempDirectory("vna-server-test-ingest-log-");
            registry.add("vna.ingest.log.directory", log::toString);
            registry.add("vna.dicom.port", () -> "0");
            // Never a developer's running Elasticsearch: nothing listens on port 9 (discard) here,
            // so the index is unavailable and ingest queues, unless a test says otherwise.
            registry.add("vna.elasticsearch.url", () -> "http://127.0.0.1:9");
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HttpResponse<String> get(int port, String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
