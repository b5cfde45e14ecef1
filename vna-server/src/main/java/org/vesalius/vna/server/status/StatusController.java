package org.vesalius.vna.server.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vesalius.vna.archive.ingest.IndexFeed;
import org.vesalius.vna.archive.ingest.IngestSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.vesalius.vna.server.dimse.DicomListener;
import org.vesalius.vna.server.dimse.DicomProperties;
import org.vesalius.vna.server.storage.StorageProperties;

/**
 * {@code GET /api/status}: what this node runs and how its dependencies are, for people and
 * scripts ({@code /actuator/health} is for load balancers and orchestrators). Unauthenticated
 * for now, so it names no path, URL, peer address or raw error (those are in the server log):
 * states, counts and settings only.
 */
@RestController
class StatusController {

    private final Clock clock;
    private final Instant started;
    private final HealthIndicator blobStoreHealth;
    private final HealthIndicator indexHealth;
    private final IndexFeed feed;
    private final IngestSettings ingest;
    private final StorageProperties storage;
    private final DicomProperties dicom;
    private final ObjectProvider<DicomListener> listener;

    StatusController(ObjectProvider<DicomListener> listener, Clock clock, @Qualifier("blobStoreHealthIndicator") HealthIndicator blobStoreHealth,
            @Qualifier("elasticsearchHealthIndicator") HealthIndicator indexHealth, IndexFeed feed, IngestSettings ingest,
            StorageProperties storage, DicomProperties dicom) {
        this.clock = clock;
        this.started = clock.instant();
        this.blobStoreHealth = blobStoreHealth;
        this.indexHealth = indexHealth;
        this.feed = feed;
        this.ingest = ingest;
        this.storage = storage;
        this.dicom = dicom;
        this.listener = listener;
    }

    @GetMapping(path = "/api/status", produces = "application/json")
    Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", "Vesalius");
        out.put("version", StatusController.class.getPackage().getImplementationVersion());
        out.put("startedAt", started.toString());
        out.put("uptimeSeconds", Duration.between(started, clock.instant()).toSeconds());
        var blobs = blobStoreHealth.health();
        Map<String, Object> storageOut = new LinkedHashMap<>(blobs.getDetails());
        storageOut.put("status", blobs.getStatus().getCode());
        out.put("storage", storageOut);
        var index = indexHealth.health();
        Map<String, Object> indexOut = new LinkedHashMap<>(index.getDetails());
        indexOut.put("status", index.getStatus().getCode());
        indexOut.put("ingestQueuesWithoutTrying", feed.isSuspectedDown());
        out.put("index", indexOut);
        DicomListener l = listener.getIfAvailable();
        out.put("dicom", Map.of("aeTitle", dicom.aeTitle(), "port", dicom.port(), "listening",
                l != null && l.isRunning(), "listeningPort", l == null ? -1 : l.port(), "moveDestinations", dicom.destinations().size()));
        out.put("ingest", Map.of("duplicatePolicy", ingest.duplicatePolicy().name(),
                "patientMismatch", ingest.patientMismatch().name(), "maxHeaderBytes", ingest.maxHeaderBytes()));
        out.put("storageBackend", storage.backend().name().toLowerCase());
        return out;
    }
}
