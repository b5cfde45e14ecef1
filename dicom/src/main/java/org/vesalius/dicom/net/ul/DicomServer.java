package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for associations for one {@link ApplicationEntity} and hands each established
 * association to a {@link MessageHandler}.
 *
 * <p>Threads: every connection starts on its own task of the executor (by default one virtual
 * thread per connection), which runs the TLS handshake, waits for the A-ASSOCIATE-RQ and answers
 * it: waiting is what virtual threads do cheaply. Once associated, the reader loop (PDU decoding,
 * and the handler's C-STORE work: blocking file I/O) runs on that same thread, or, with
 * {@link Builder#readerThreads}, on a bounded pool of platform threads, which spend about half
 * the CPU per instance of a virtual thread on blocking socket and file I/O (dicom/README.md,
 * "DIMSE benchmark").
 *
 * <p>Limits, each refused in protocol terms or before any protocol: associations in total and
 * per calling AE title ({@link ApplicationEntity#maxAssociations()}; with a reader pool, never more
 * than its threads) get A-ASSOCIATE-RJ (2, 3, 2); connections not yet associated beyond
 * {@link Builder#maxPendingConnections} are closed as soon as accepted, before anything is read,
 * and each pending one is closed when ARTIM expires without an A-ASSOCIATE-RQ.
 *
 * <pre>{@code
 * ApplicationEntity ae = ApplicationEntity.builder("VESALIUS")
 *         .acceptScp(VERIFICATION, EXPLICIT_VR_LE, IMPLICIT_VR_LE)
 *         .maxAssociations(200, 20)
 *         .build();
 * try (DicomServer server = DicomServer.builder(ae, handler).port(11112)
 *         .readerThreads(200, Duration.ofMinutes(1)).maxPendingConnections(50).start()) {
 *     ...
 * }
 * }</pre>
 */
public final class DicomServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DicomServer.class);
    /** Connections not yet associated, by default: a handshake takes milliseconds, so 50 is many. */
    public static final int DEFAULT_MAX_PENDING_CONNECTIONS = 50;

    private final ApplicationEntity ae;
    private final ServerSocket serverSocket;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final Duration shutdownGracePeriod;
    private final AssociationLimits limits;
    private final ThreadPoolExecutor readers;
    private final Set<AcceptorTask> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DicomServer(Builder b, ServerSocket serverSocket) {
        this.ae = b.ae;
        this.serverSocket = serverSocket;
        this.ownsExecutor = b.executor == null;
        this.executor = b.executor != null ? b.executor : Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dicom-acceptor-", 1).factory());
        this.shutdownGracePeriod = b.shutdownGracePeriod;
        this.readers = b.readerThreads == 0 ? null : readerPool(b.readerThreads, b.readerKeepAlive);
        int maxTotal = ae.maxAssociations();
        if (readers != null && (maxTotal == 0 || maxTotal > b.readerThreads)) {
            maxTotal = b.readerThreads; // a reader holds its thread for the association's life
        }
        this.limits = new AssociationLimits(maxTotal, ae.maxAssociationsPerCallingAe(), b.maxPendingConnections);
    }

    /**
     * Up to {@code threads} platform threads, started on demand and stopped after {@code keepAlive}
     * idle. The queue only bridges the moment between a reader ending (its slot freed) and its
     * thread taking the next task: the association limit keeps it from holding more than that.
     */
    private static ThreadPoolExecutor readerPool(int threads, Duration keepAlive) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, keepAlive.toNanos(), TimeUnit.NANOSECONDS,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().name("dicom-reader-", 1).daemon(true).factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** A builder for a server of {@code ae} whose associations go to {@code handler}. */
    public static Builder builder(ApplicationEntity ae, MessageHandler handler) {
        return new Builder(ae, handler);
    }

    /** The port listened on (the actual one when 0 was asked for). */
    public int port() {
        return serverSocket.getLocalPort();
    }

    /** The address listened on. */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) serverSocket.getLocalSocketAddress();
    }

    /** The AE this server accepts for. */
    public ApplicationEntity applicationEntity() {
        return ae;
    }

    /** Established associations right now. */
    public int activeAssociations() {
        return limits.total();
    }

    /** Open connections, established or not. */
    public int openConnections() {
        return connections.size();
    }

    /** Connections not associated right now: handshaking, awaiting the A-ASSOCIATE-RQ, or rejected and closing. */
    public int pendingConnections() {
        return limits.pending();
    }

    /** The association limit in effect: the AE's, lowered to the reader threads when there is a pool; 0 = none. */
    public int maxAssociations() {
        return limits.maxTotal();
    }

    /** Platform reader threads alive right now (busy or idle); 0 without a reader pool. */
    public int readerThreadsAlive() {
        return readers == null ? 0 : readers.getPoolSize();
    }

    /**
     * Stops accepting, lets associations finish for the grace period, then aborts those left.
     * Returns once every connection is closed (bounded by ARTIM after the aborts).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(serverSocket);
        long deadline = System.nanoTime() + shutdownGracePeriod.toNanos();
        try {
            while (!connections.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            for (AcceptorTask connection : connections) {
                connection.abort();
            }
            long hardDeadline = System.nanoTime() + ae.options().artimTimeout().toNanos() + TimeUnit.SECONDS.toNanos(1);
            while (!connections.isEmpty() && System.nanoTime() < hardDeadline) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsExecutor) {
            executor.shutdownNow();
        }
        if (readers != null) {
            readers.shutdownNow();
            try {
                readers.awaitTermination(ae.options().artimTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("{}: stopped listening on port {}", ae.aeTitle(), serverSocket.getLocalPort());
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // shutting down anyway
        }
    }

    /** Builds and starts a {@link DicomServer}. */
    public static final class Builder {
        private final ApplicationEntity ae;
        private final MessageHandler handler;
        private InetAddress bindAddress;
        private int port = 11112;
        private int backlog = 50;
        private TlsOptions tls;
        private ExecutorService executor;
        private Duration shutdownGracePeriod = Duration.ZERO;
        private int readerThreads;
        private Duration readerKeepAlive = Duration.ofMinutes(1);
        private int maxPendingConnections = DEFAULT_MAX_PENDING_CONNECTIONS;

        private Builder(ApplicationEntity ae, MessageHandler handler) {
            this.ae = Objects.requireNonNull(ae, "ae");
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /** The port; 0 picks a free one ({@link DicomServer#port()} tells which). Default 11112. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Listen on one address only (default: all). */
        public Builder bindAddress(InetAddress address) {
            this.bindAddress = address;
            return this;
        }

        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /** Speak DICOM TLS on this port (PS3.15 B.1); plain connections are then refused. */
        public Builder tls(TlsOptions tls) {
            this.tls = tls;
            return this;
        }

        /** Runs the accept loop and one task per connection; default: a virtual thread per task, shut down with the server. */
        public Builder executor(ExecutorService executor) {
            this.executor = executor;
            return this;
        }

        /**
         * Runs the reader loop of each established association on a pool of at most
         * {@code threads} platform threads owned by the server, started on demand and stopped
         * after {@code keepAlive} without work. A reader keeps its thread until its association
         * ends, so at most {@code threads} associations are established at once: beyond that,
         * or beyond {@link ApplicationEntity#maxAssociations()} if lower, A-ASSOCIATE-RJ (2, 3, 2).
         * Default: no pool; each association is read on the thread that accepted it (the
         * executor's, a virtual thread by default).
         *
         * @param threads   1 or more; 0 goes back to the default
         * @param keepAlive how long an idle reader thread is kept for the next association
         */
        public Builder readerThreads(int threads, Duration keepAlive) {
            if (threads < 0) {
                throw new IllegalArgumentException("threads must be >= 0");
            }
            if (keepAlive.isNegative() || keepAlive.isZero()) {
                throw new IllegalArgumentException("keepAlive must be positive");
            }
            this.readerThreads = threads;
            this.readerKeepAlive = keepAlive;
            return this;
        }

        /**
         * At most this many connections without an association at once (TLS handshake, waiting
         * for the A-ASSOCIATE-RQ under ARTIM, rejected and waiting for the peer to close); a
         * connection beyond is closed as soon as it is accepted. Bounds what peers that connect
         * and send nothing (or send slowly) can hold. Default {@value #DEFAULT_MAX_PENDING_CONNECTIONS};
         * 0 = no limit.
         */
        public Builder maxPendingConnections(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("max must be >= 0");
            }
            this.maxPendingConnections = max;
            return this;
        }

        /** How long {@link DicomServer#close()} lets associations finish before aborting them. Default: abort at once. */
        public Builder shutdownGracePeriod(Duration period) {
            this.shutdownGracePeriod = Objects.requireNonNull(period);
            return this;
        }

        /** Binds and starts accepting. */
        public DicomServer start() throws IOException {
            ServerSocket socket = tls != null ? TlsSockets.serverSocket(tls) : new ServerSocket();
            try {
                socket.setReuseAddress(true);
                if (ae.options().receiveBufferSize() > 0) {
                    socket.setReceiveBufferSize(ae.options().receiveBufferSize());
                }
                socket.bind(new InetSocketAddress(bindAddress, port), backlog);
            } catch (IOException e) {
                closeQuietly(socket);
                throw e;
            }
            DicomServer server = new DicomServer(this, socket);
            try {
                server.executor.execute(new AcceptLoop(server.serverSocket, ae, handler, server.limits, server.readers,
                        server.executor, server.connections, () -> server.closed));
            } catch (RejectedExecutionException e) {
                closeQuietly(socket);
                if (server.readers != null) {
                    server.readers.shutdownNow();
                }
                throw new IOException("executor refused the accept loop", e);
            }
            LOG.info("{}: listening on {}{}", ae.aeTitle(), server.localAddress(), tls != null ? " (TLS)" : "");
            return server;
        }
    }
}
