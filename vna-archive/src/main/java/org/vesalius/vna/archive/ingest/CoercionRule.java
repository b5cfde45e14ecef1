package org.vesalius.vna.archive.ingest;

import java.util.Optional;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.vna.archive.api.ingest.Coercion;
import org.vesalius.vna.archive.api.ingest.IngestSource;

/**
 * A hook that may change an incoming instance's header (PS3.4 B.4.1.3 "coercion of data
 * elements"). Rules run in order, each seeing the header as the previous ones left it. A rule
 * must not modify {@code header}: it returns what to change, and the service applies and records
 * it. Thread-safe.
 */
@FunctionalInterface
public interface CoercionRule {

    /** The change to make to {@code header} of an instance from {@code source}, or empty. */
    Optional<Coercion> coerce(IngestSource source, Dataset header);
}
