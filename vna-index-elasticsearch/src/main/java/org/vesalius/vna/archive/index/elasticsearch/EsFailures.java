package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.vesalius.vna.archive.index.IndexUnavailableException;

/** Runs one call to Elasticsearch and turns its failures into the port's exceptions. */
final class EsFailures {

    /** A call that may fail with an I/O error. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws IOException;
    }

    private EsFailures() {
    }

    /**
     * Runs {@code call}. Unreachable, timed out, overloaded (429) or failing (5xx) Elasticsearch,
     * and a missing index (404), give {@link IndexUnavailableException}; a request Elasticsearch
     * finds malformed (other 4xx) is a defect here and gives {@link IllegalStateException}.
     */
    static <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (ElasticsearchException e) {
            if (retryable(e.status())) {
                throw new IndexUnavailableException("Elasticsearch could not " + what + ": " + e.getMessage(), e);
            }
            throw new IllegalStateException("Elasticsearch refused to " + what + ": " + e.getMessage(), e);
        } catch (IOException | UncheckedIOException e) {
            throw new IndexUnavailableException("Elasticsearch is unreachable (" + what + "): " + e, e);
        }
    }

    /** True for statuses that retrying may cure. */
    static boolean retryable(int status) {
        return status == 404 || status == 408 || status == 429 || status >= 500;
    }
}
