package org.vesalius.vna.server.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy on the loopback interface between the server and a peer (Elasticsearch), switched
 * by the test between three behaviours of that peer:
 *
 * <ul>
 *   <li>{@link #forward()}: passes bytes both ways (the peer is fine);</li>
 *   <li>{@link #hang()}: the peer is hung, not stopped: new connections are accepted and never
 *       answered, and connections already open stop forwarding in both directions (the peer's
 *       kernel still accepts, its process answers nothing). Back to forwarding, they go on;</li>
 *   <li>{@link #refuse()}: the peer is stopped: the port is closed (connection refused) and every
 *       open connection is closed. Back to forwarding, it listens again on the same port.</li>
 * </ul>
 *
 * Plain blocking sockets, a thread per direction of each connection: a test's few connections.
 */
public final class HangingProxy implements AutoCloseable {

    private enum Mode { FORWARD, HANG, REFUSE }

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private Mode mode = Mode.FORWARD; // guarded by this
    private ServerSocket listener;    // guarded by this
    private boolean closed;           // guarded by this

    private HangingProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        ServerSocket first = new ServerSocket();
        first.setReuseAddress(true);
        first.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.port = first.getLocalPort();
        listen(first);
    }

    /** A proxy to {@code url}'s host and port (e.g. {@code http://127.0.0.1:9200}), forwarding. */
    public static HangingProxy to(String url) throws IOException {
        URI uri = URI.create(url);
        return new HangingProxy(new InetSocketAddress(uri.getHost(), uri.getPort()));
    }

    /** {@code http://127.0.0.1:PORT}: where the server is to connect. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Passes bytes both ways again (listening again on the same port after {@link #refuse()}). */
    public synchronized void forward() throws IOException {
        if (listener == null && !closed) {
            ServerSocket again = new ServerSocket();
            again.setReuseAddress(true);
            again.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listen(again);
        }
        mode = Mode.FORWARD;
        notifyAll();
    }

    /** Accepts and never answers; open connections stop forwarding. */
    public synchronized void hang() {
        mode = Mode.HANG;
    }

    /** Closes the port and every open connection, as a stopped peer. */
    public synchronized void refuse() {
        mode = Mode.REFUSE;
        closeListener();
        closeConnections();
        notifyAll();
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeListener();
        closeConnections();
        notifyAll();
    }

    private void listen(ServerSocket socket) {
        listener = socket;
        Thread.ofPlatform().daemon().name("hanging-proxy-" + port).start(() -> accept(socket));
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                sockets.add(client);
                Thread.ofPlatform().daemon().name("hanging-proxy-" + port + "-connect").start(() -> connect(client));
            } catch (IOException e) {
                return; // closed by refuse() or close()
            }
        }
    }

    /** Opens the upstream connection once forwarding (a connection accepted while hung waits here). */
    private void connect(Socket client) {
        try {
            if (!awaitForwarding()) {
                closeQuietly(client);
                return;
            }
            Socket server = new Socket();
            sockets.add(server);
            server.connect(upstream, CONNECT_TIMEOUT_MILLIS);
            Thread.ofPlatform().daemon().name("hanging-proxy-" + port + "-up").start(() -> pump(client, server));
            pump(server, client);
        } catch (IOException e) {
            closeQuietly(client);
        }
    }

    /** Copies {@code from} to {@code to}, holding what it read while hung; closes both at the end. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (!awaitForwarding()) {
                    return;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed or was reset: the other goes too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Waits while hung; true to forward, false when the proxy refuses or is closed. */
    private synchronized boolean awaitForwarding() {
        while (mode == Mode.HANG && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return mode == Mode.FORWARD && !closed;
    }

    private void closeListener() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
    }

    private void closeConnections() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    private void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
        if (c instanceof Socket s) {
            sockets.remove(s);
        }
    }

    @Override
    public String toString() {
        return "HangingProxy[" + port + " -> " + upstream + "]";
    }
}
