package org.vesalius.vna.hl7.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two background tasks of notification: the scan for studies that became stable (every scan
 * interval) and the delivery of the outbox (as soon as something is due). Neither touches ingest: a
 * receiver that is down leaves notifications pending in the outbox, nothing else waits.
 */
public final class StudyNotifications implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StudyNotifications.class);

    private final StudyNotifier notifier;
    private final OutboxSender sender;
    private final FileOutbox outbox;
    private final Clock clock;
    private final ScheduledExecutorService scanner;
    private final Thread delivery;
    private volatile boolean running = true;
    private volatile String lastScanFailure;

    private StudyNotifications(StudyNotifier notifier, OutboxSender sender, FileOutbox outbox, NotifySettings settings, Clock clock) {
        this.notifier = notifier;
        this.sender = sender;
        this.outbox = outbox;
        this.clock = clock;
        this.scanner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "hl7-notify-scan");
            t.setDaemon(true);
            return t;
        });
        long every = settings.scanInterval().toMillis();
        scanner.scheduleWithFixedDelay(this::scan, every, every, TimeUnit.MILLISECONDS);
        this.delivery = Thread.ofPlatform().name("hl7-notify-delivery").daemon().start(this::deliver);
    }

    /** Starts scanning and delivering. */
    public static StudyNotifications start(StudyNotifier notifier, OutboxSender sender, FileOutbox outbox, NotifySettings settings,
            Clock clock) {
        return new StudyNotifications(Objects.requireNonNull(notifier), Objects.requireNonNull(sender), Objects.requireNonNull(outbox),
                settings, Objects.requireNonNull(clock));
    }

    private void scan() {
        try {
            notifier.scan(clock.instant());
            if (lastScanFailure != null) {
                LOG.info("HL7 notifications: the index answers again");
                lastScanFailure = null;
            }
        } catch (RuntimeException e) {
            // The index is down (or slow): the watermark has not moved, the next scan covers the same receipts.
            if (!String.valueOf(e.getMessage()).equals(lastScanFailure)) {
                LOG.warn("HL7 notifications: the scan for stable studies failed, tried again at the next: {}", e.getMessage());
            }
            lastScanFailure = String.valueOf(e.getMessage());
        }
    }

    private void deliver() {
        while (running) {
            try {
                if (sender.deliverNext().isEmpty()) {
                    Instant now = clock.instant();
                    long wait = outbox.nextDue().map(due -> Math.max(1, Duration.between(now, due).toMillis())).orElse(1_000L);
                    outbox.awaitPut(Math.min(wait, 1_000L));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("HL7 notifications: delivery failed, retried in a second", e);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        scanner.shutdownNow();
        delivery.interrupt();
        try {
            delivery.join(10_000);
            scanner.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.close();
    }
}
