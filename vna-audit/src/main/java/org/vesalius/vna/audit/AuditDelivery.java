package org.vesalius.vna.audit;

import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.openehealth.ipf.commons.audit.DefaultAuditContext;
import org.openehealth.ipf.commons.audit.DefaultAuditMetadataProvider;
import org.openehealth.ipf.commons.audit.protocol.AuditTransmissionProtocol;
import org.openehealth.ipf.commons.audit.protocol.TLSSyslogSenderImpl;
import org.openehealth.ipf.commons.audit.protocol.UDPSyslogSenderImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that sends the queued records to the collector, in order, with IPF's syslog
 * senders, and moves the delivered position on. A failure (collector down, TLS refused) leaves the
 * record where it is; the thread waits the retry interval and tries it again, for as long as it
 * takes. Nothing here ever runs on a request thread.
 */
final class AuditDelivery implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(AuditDelivery.class);
    /** Records between two saves of the delivered position (at most this many are sent twice after a crash). */
    private static final int MARK_EVERY = 64;

    private final AuditQueue queue;
    private final AuditSettings.Collector collector;
    private final long retryNanos;
    private final Semaphore wakeUp = new Semaphore(0);
    private final DefaultAuditContext context = new DefaultAuditContext();
    private final AuditTransmissionProtocol protocol;
    private volatile boolean running = true;

    AuditDelivery(AuditQueue queue, AuditSettings settings) {
        this.queue = queue;
        this.collector = settings.collector();
        this.retryNanos = settings.retryInterval().toNanos();
        this.protocol = collector.transport() == AuditSettings.Transport.TLS
                ? new VerifyingTlsSender(collector.tls()) : new UDPSyslogSenderImpl();
        DefaultAuditMetadataProvider metadata = new DefaultAuditMetadataProvider();
        metadata.setSendingApplication("vesalius");
        context.setAuditMetadataProvider(metadata);
        context.setAuditRepositoryHost(collector.host());
        context.setAuditRepositoryPort(collector.port());
        context.setAuditTransmissionProtocol(protocol);
        context.setAuditEnabled(true);
    }

    /** Something was appended: send it now rather than at the next retry. */
    void wakeUp() {
        wakeUp.release();
    }

    void stop() {
        running = false;
        wakeUp.release();
    }

    @Override
    public void run() {
        try {
            AuditQueue.Position position = queue.delivered();
            int unmarked = 0;
            boolean failing = false;
            AuditQueue.Position durable = new AuditQueue.Position(0, 0);
            while (running) {
                Optional<AuditQueue.Entry> entry = queue.read(position);
                if (entry.isEmpty()) {
                    if (unmarked > 0) {
                        queue.markDelivered(position);
                        unmarked = 0;
                    }
                    wakeUp.tryAcquire(retryNanos, TimeUnit.NANOSECONDS);
                    wakeUp.drainPermits();
                    continue;
                }
                try {
                    if (!entry.get().next().notAfter(durable)) {
                        durable = queue.force(); // never send what the node could still lose; one fsync per batch
                    }
                    protocol.send(context, context.getAuditMetadataProvider(), entry.get().message());
                } catch (Exception e) {
                    if (!failing) {
                        log.warn("audit collector {}:{} ({}) unreachable, records stay queued and are sent when it is back: {}",
                                collector.host(), collector.port(), collector.transport(), e.toString());
                    }
                    failing = true;
                    if (unmarked > 0) {
                        queue.markDelivered(position);
                        unmarked = 0;
                    }
                    waitBeforeRetry();
                    continue;
                }
                if (failing) {
                    log.info("audit collector {}:{} reachable again, sending the queued records", collector.host(), collector.port());
                    failing = false;
                }
                position = entry.get().next();
                if (++unmarked >= MARK_EVERY) {
                    queue.markDelivered(position);
                    unmarked = 0;
                }
            }
            if (unmarked > 0) {
                queue.markDelivered(position);
            }
        } catch (IOException e) {
            log.error("audit queue unreadable, audit records are no longer sent (they are still written): {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            protocol.shutdown();
        }
    }

    private void waitBeforeRetry() throws InterruptedException {
        long deadline = System.nanoTime() + retryNanos;
        long left;
        while (running && (left = deadline - System.nanoTime()) > 0) {
            // Appends wake the thread up; only stop() may cut the wait short.
            wakeUp.tryAcquire(left, TimeUnit.NANOSECONDS);
        }
        wakeUp.drainPermits();
    }

    /** IPF's RFC 5425 sender with the collector's certificate checked against its host name, not only its chain. */
    private static final class VerifyingTlsSender extends TLSSyslogSenderImpl {

        VerifyingTlsSender(javax.net.ssl.SSLSocketFactory factory) {
            super(factory, SocketTestPolicy.TEST_BEFORE_WRITE);
        }

        @Override
        protected void setSocketOptions(Socket socket) throws java.net.SocketException {
            super.setSocketOptions(socket);
            if (socket instanceof SSLSocket ssl) {
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                ssl.setSSLParameters(parameters);
            }
        }
    }
}
