package org.vesalius.vna.archive.api.ingest;

/** What became of a stored instance's indexing (see {@link IngestResult.Stored#indexing()}). */
public enum Indexing {
    /** In the index now. */
    INDEXED,
    /** Durably queued and handed to the background writer, which indexes it within moments. */
    PENDING,
    /** In the index queue, indexed by the catch-up once the index answers again. */
    QUEUED,
    /** The index refused the document for reasons of its own; recorded, not queryable. */
    REFUSED
}
