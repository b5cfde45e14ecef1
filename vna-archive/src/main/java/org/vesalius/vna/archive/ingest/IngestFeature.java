package org.vesalius.vna.archive.ingest;

import java.time.Clock;
import java.util.List;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.storage.BlobStore;

/**
 * The ingest feature's one factory: the server's configuration (and tests that assemble an
 * archive) call it to get the {@link IngestPort} every storing edge calls.
 *
 * <p>The index feed ({@link IndexFeed}, its {@link IndexQueue} and {@link IndexCatchUp}), the
 * coercion rules and {@link IngestSettings} stay public for now: the server wires them one by one
 * and maintenance and update share the queue and the {@link InstanceLoader}. They are wiring
 * types, not edge API (the architecture tests keep edges off them).
 */
public final class IngestFeature {

    private IngestFeature() {
    }

    /**
     * The ingest port.
     *
     * @param blobs    where objects are stored
     * @param feed     indexes or queues each stored instance
     * @param rules    the coercion rules, applied in order
     * @param settings header cap, duplicate policy, index retry delay
     * @param clock    the time of receipt
     * @return a thread-safe ingest port
     */
    public static IngestPort create(BlobStore blobs, IndexFeed feed, List<CoercionRule> rules, IngestSettings settings,
            Clock clock) {
        return new IngestService(blobs, feed, rules, settings, clock);
    }
}
