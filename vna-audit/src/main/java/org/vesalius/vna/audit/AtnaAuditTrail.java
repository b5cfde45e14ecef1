package org.vesalius.vna.audit;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;

/**
 * The archive's {@link AuditPort} as IHE ATNA: each event becomes a DICOM PS3.15 A.5 audit message
 * (built by IPF), appended to the node's {@link AuditQueue} on the caller's thread (a local file
 * write, no network), and sent to the collector by one background thread over RFC 5425 TLS or RFC
 * 5426 UDP syslog. A collector that is down leaves the records queued; they are sent when it is
 * back, also after a restart. With an {@link org.vesalius.vna.archive.api.audit.AuditIndex}, a second
 * background thread copies the queue there too ({@link AuditIndexing}), so the trail can be searched.
 */
public final class AtnaAuditTrail implements AuditPort, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AtnaAuditTrail.class);

    private final AtnaMessages messages;
    private final AuditQueue queue;
    private final AuditDelivery delivery;
    private final Thread sender;
    private final AuditIndexing indexing;
    private final Thread indexer;
    private final AtomicLong lost = new AtomicLong();

    private AtnaAuditTrail(AuditSettings settings) throws IOException {
        this.messages = new AtnaMessages(settings.sourceId(), settings.enterpriseSiteId(), settings.aeTitle());
        this.queue = new AuditQueue(settings.queueDirectory(), AuditQueue.SEGMENT_BYTES);
        if (settings.collector() == null) {
            delivery = null;
            sender = null;
        } else {
            delivery = new AuditDelivery(queue, settings);
            sender = Thread.ofPlatform().name("vna-audit-sender").daemon().start(delivery);
        }
        if (settings.index() == null) {
            indexing = null;
            indexer = null;
        } else {
            indexing = new AuditIndexing(queue, settings.index(), settings, Clock.systemUTC());
            indexer = Thread.ofPlatform().name("vna-audit-indexer").daemon().start(indexing);
        }
    }

    /**
     * Opens the queue (creating its directory) and starts the sender.
     *
     * @throws IOException when the queue directory cannot be created or read: the server should not
     *                     start without its audit trail
     */
    public static AtnaAuditTrail start(AuditSettings settings) throws IOException {
        return new AtnaAuditTrail(settings);
    }

    @Override
    public void record(AuditEvent event) {
        try {
            queue.append(messages.xml(event));
        } catch (IOException | RuntimeException e) {
            // Never fails the request: the loss is counted and logged, every time.
            log.error("audit record NOT written ({} lost so far): {} {} by {}: {}", lost.incrementAndGet(), event.protocol(),
                    event.action(), event.actor().id(), e.toString());
            return;
        }
        if (delivery != null) {
            delivery.wakeUp();
        }
        if (indexing != null) {
            indexing.wakeUp();
        }
    }

    /** Records that could not be written since start. */
    public long lostRecords() {
        return lost.get();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (delivery != null) {
            delivery.stop();
            sender.join(10_000);
        }
        if (indexing != null) {
            indexing.stop();
            indexer.join(10_000);
        }
        queue.close();
    }
}
