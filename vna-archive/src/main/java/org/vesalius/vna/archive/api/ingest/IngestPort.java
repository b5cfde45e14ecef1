package org.vesalius.vna.archive.api.ingest;

/**
 * The archive's ingest port: the one way objects enter the archive, whatever the edge (C-STORE
 * SCP, STOW-RS, and the coming HL7, IHE and migration edges). The implementation parses the
 * header while the bytes stream in, validates, coerces, stores (deduplicated on SOP Instance UID)
 * and indexes or durably queues the instance.
 *
 * <p>Obtain one from the server's wiring ({@code org.vesalius.vna.archive.ingest.IngestFeature});
 * implementations are thread-safe and never throw for bad input or unavailable storage: every
 * outcome is an {@link IngestResult}, which each edge maps once into its protocol's terms.
 */
public interface IngestPort {

    /**
     * Ingests one object. {@link IngestResult.Stored} is returned only once the object is durable
     * in the blob store and indexed or durably queued; every failure leaves nothing behind.
     *
     * @param request the object, its framing and who sent it
     * @return stored, or the typed reason it was not
     */
    IngestResult ingest(IngestRequest request);
}
