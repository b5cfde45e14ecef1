package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens for associations for one {@link ApplicationEntity} and hands each established
 * association to a {@link MessageHandler}. Every connection runs on its own task of the executor
 * (by default one virtual thread per connection).
 *
 * <pre>{@code
 * ApplicationEntity ae = ApplicationEntity.builder("VESALIUS")
 *         .acceptScp(VERIFICATION, EXPLICIT_VR_LE, IMPLICIT_VR_LE)
 *         .maxAssociations(200, 20)
 *         .build();
 * try (DicomServer server = DicomServer.builder(ae, handler).port(11112).start()) {
 *     ...
 * }
 * }</pre>
 */
public final class DicomServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DicomServer.class);

    private final ApplicationEntity ae;
    private final MessageHandler handler;
    private final ServerSocket serverSocket;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final Duration shutdownGracePeriod;
    private final AssociationLimits limits;
    private final Set<AcceptorTask> connections = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private DicomServer(Builder b, ServerSocket serverSocket) {
        this.ae = b.ae;
        this.handler = b.handler;
        this.serverSocket = serverSocket;
        this.ownsExecutor = b.executor == null;
        this.executor = b.executor != null ? b.executor : Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("dicom-acceptor-", 1).factory());
        this.shutdownGracePeriod = b.shutdownGracePeriod;
        this.limits = new AssociationLimits(ae.maxAssociations(), ae.maxAssociationsPerCallingAe());
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

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("{}: accept failed: {}", ae.aeTitle(), e.toString());
                }
                continue;
            }
            try {
                configure(socket, ae.options());
                AcceptorTask[] self = new AcceptorTask[1];
                self[0] = new AcceptorTask(socket, ae, handler, limits, () -> connections.remove(self[0]));
                connections.add(self[0]);
                executor.execute(self[0]);
            } catch (IOException | RejectedExecutionException e) {
                LOG.debug("{}: dropping connection: {}", ae.aeTitle(), e.toString());
                closeQuietly(socket);
            }
        }
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
        LOG.info("{}: stopped listening on port {}", ae.aeTitle(), serverSocket.getLocalPort());
    }

    private static void configure(Socket socket, AssociationOptions o) throws IOException {
        socket.setTcpNoDelay(o.tcpNoDelay());
        if (o.sendBufferSize() > 0) {
            socket.setSendBufferSize(o.sendBufferSize());
        }
        if (o.receiveBufferSize() > 0) {
            socket.setReceiveBufferSize(o.receiveBufferSize());
        }
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
                server.executor.execute(server::acceptLoop);
            } catch (RejectedExecutionException e) {
                closeQuietly(socket);
                throw new IOException("executor refused the accept loop", e);
            }
            LOG.info("{}: listening on {}{}", ae.aeTitle(), server.localAddress(), tls != null ? " (TLS)" : "");
            return server;
        }
    }
}
