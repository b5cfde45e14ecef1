package org.vesalius.dicom.net.service;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing and buffering of DIMSE operations, for SCUs and SCPs alike. Start from {@link #DEFAULT}.
 * A timeout that expires aborts the association: a response that arrives later could not be told
 * apart from the answer to the next request.
 *
 * @param responseTimeout         how long to wait for a C-ECHO, C-STORE or C-FIND response (for
 *                                C-FIND, for each next one) after the request was sent
 * @param retrieveResponseTimeout how long to wait for the next C-MOVE or C-GET response; any
 *                                pending response or C-GET sub-operation restarts it. Keep the
 *                                association's idle timeout at least this long.
 * @param findBufferSize          C-FIND matches received but not yet consumed; when full, reading
 *                                from the association pauses (TCP pushes back on the SCP) for at
 *                                most {@code responseTimeout}, after which the consumer is taken
 *                                for gone and the association aborted
 */
public record DimseOptions(Duration responseTimeout, Duration retrieveResponseTimeout, int findBufferSize) {

    /** 30 s per response, 10 min between retrieve responses, 1000 buffered matches. */
    public static final DimseOptions DEFAULT = new DimseOptions(Duration.ofSeconds(30), Duration.ofMinutes(10), 1000);

    public DimseOptions {
        positive(responseTimeout, "responseTimeout");
        positive(retrieveResponseTimeout, "retrieveResponseTimeout");
        if (findBufferSize < 1) {
            throw new IllegalArgumentException("findBufferSize must be >= 1");
        }
    }

    public DimseOptions withResponseTimeout(Duration timeout) {
        return new DimseOptions(timeout, retrieveResponseTimeout, findBufferSize);
    }

    public DimseOptions withRetrieveResponseTimeout(Duration timeout) {
        return new DimseOptions(responseTimeout, timeout, findBufferSize);
    }

    public DimseOptions withFindBufferSize(int size) {
        return new DimseOptions(responseTimeout, retrieveResponseTimeout, size);
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
