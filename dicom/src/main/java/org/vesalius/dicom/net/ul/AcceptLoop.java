package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link DicomServer}'s accept loop: each connection takes a pending slot (or is closed at
 * once) and starts as an {@link AcceptorTask} on the executor, until the server is closed.
 */
final class AcceptLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DicomServer.class);
    private static final long REFUSAL_WARNING_INTERVAL = TimeUnit.MINUTES.toNanos(1);

    private final ServerSocket serverSocket;
    private final ApplicationEntity ae;
    private final MessageHandler handler;
    private final AssociationLimits limits;
    private final Executor readers;
    private final Executor executor;
    private final Set<AcceptorTask> connections;
    private final BooleanSupplier closed;
    private long lastRefusalWarning = System.nanoTime() - REFUSAL_WARNING_INTERVAL;
    private long refusedSinceWarning;

    AcceptLoop(ServerSocket serverSocket, ApplicationEntity ae, MessageHandler handler, AssociationLimits limits,
            Executor readers, Executor executor, Set<AcceptorTask> connections, BooleanSupplier closed) {
        this.serverSocket = serverSocket;
        this.ae = ae;
        this.handler = handler;
        this.limits = limits;
        this.readers = readers;
        this.executor = executor;
        this.connections = connections;
        this.closed = closed;
    }

    @Override
    public void run() {
        while (!closed.getAsBoolean()) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!closed.getAsBoolean()) {
                    LOG.warn("{}: accept failed: {}", ae.aeTitle(), e.toString());
                }
                continue;
            }
            AssociationLimits.Slot slot = limits.tryConnect();
            if (slot == null) {
                refuse(socket);
                continue;
            }
            AcceptorTask[] self = new AcceptorTask[1];
            try {
                configure(socket, ae.options());
                self[0] = new AcceptorTask(socket, ae, handler, slot, readers, () -> connections.remove(self[0]));
                connections.add(self[0]);
                executor.execute(self[0]);
            } catch (IOException | RuntimeException e) {
                LOG.debug("{}: dropping connection: {}", ae.aeTitle(), e.toString());
                if (self[0] != null) {
                    connections.remove(self[0]);
                }
                closeQuietly(socket);
                slot.close();
            }
        }
    }

    /**
     * Too many connections without an association: closed before anything is read, since there
     * is no A-ASSOCIATE-RQ yet to reject. A legitimate requestor sees a closed connection and retries.
     */
    private void refuse(Socket socket) {
        refusedSinceWarning++;
        long now = System.nanoTime();
        if (now - lastRefusalWarning >= REFUSAL_WARNING_INTERVAL) {
            // At most one line a minute: a flood of connections must not become a flood of log lines.
            LOG.warn("{}: {} connections without an association (the limit): closed {} new one(s) at once",
                    ae.aeTitle(), limits.pending(), refusedSinceWarning);
            lastRefusalWarning = now;
            refusedSinceWarning = 0;
        }
        LOG.debug("{}: closing connection from {}: too many pending", ae.aeTitle(), socket.getRemoteSocketAddress());
        closeQuietly(socket);
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

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // refusing or dropping it anyway
        }
    }
}
