package org.vesalius.vna.archive.retrieve;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.vesalius.vna.archive.api.retrieve.InstanceMetadata;

/**
 * The metadata of a study, series or instance (WADO-RS {@code /metadata}), found and ready to be
 * written: the listing is done, the documents are read (from the cache) or computed while they
 * are written, several at a time, in listing order. Not thread-safe; write it once.
 */
final class Metadata implements InstanceMetadata {

    private final List<RetrieveService.Located> instances;
    private final Function<RetrieveService.Located, MetadataDocument> documents;
    private final ExecutorService executor;
    private final int parallelism;

    Metadata(List<RetrieveService.Located> instances, Function<RetrieveService.Located, MetadataDocument> documents,
            ExecutorService executor, int parallelism) {
        this.instances = instances;
        this.documents = documents;
        this.executor = executor;
        this.parallelism = parallelism;
    }

    /** How many instances it describes. */
    public int count() {
        return instances.size();
    }

    /**
     * Writes the DICOM JSON array (one object per instance) to {@code out}, bulk data URIs under
     * {@code baseUrl} (the DICOMweb base as the client sees it, e.g. {@code https://pacs:8443/dicomweb}).
     * An instance deleted since the listing is left out. Stops reading at the first failure to
     * write (a client that went away).
     *
     * @throws IOException from {@code out}
     */
    public void writeJson(OutputStream out, String baseUrl) throws IOException {
        byte[] base = MetadataDocument.jsonBase(baseUrl);
        Deque<Future<MetadataDocument>> window = new ArrayDeque<>(parallelism);
        Iterator<RetrieveService.Located> next = instances.iterator();
        boolean first = true;
        out.write('[');
        try {
            while (next.hasNext() || !window.isEmpty()) {
                while (window.size() < parallelism && next.hasNext()) {
                    RetrieveService.Located located = next.next();
                    window.add(executor.submit(() -> documents.apply(located)));
                }
                MetadataDocument doc = await(window.poll());
                if (doc == null) {
                    continue;
                }
                if (!first) {
                    out.write(',');
                }
                first = false;
                doc.writeTo(out, base);
            }
        } finally {
            window.forEach(f -> f.cancel(true));
        }
        out.write(']');
    }

    private static MetadataDocument await(Future<MetadataDocument> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (CancellationException e) {
            throw new IOException("cancelled", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof InstanceNotFoundException) {
                return null;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }
}
