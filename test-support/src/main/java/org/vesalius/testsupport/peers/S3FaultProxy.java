package org.vesalius.testsupport.peers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A TCP proxy in front of an S3 endpoint (S3Proxy) that injects the faults of a real S3: answers
 * {@code 503 SlowDown} or {@code 500 InternalError} (with S3's XML error body) to chosen requests,
 * drops connections, or refuses every connection (unreachable). Bytes pass through unchanged;
 * the proxy reads only the request heads and the request framing ({@code Content-Length} or
 * {@code Transfer-Encoding: chunked}; an {@code aws-chunked} body is framed by its
 * {@code Content-Length}), so signatures and checksums stay valid. One client connection is one
 * upstream connection; HTTP/1.1 clients do not pipeline, so a request head arrives only after the
 * previous response.
 *
 * <pre>{@code
 * try (S3FaultProxy proxy = S3FaultProxy.start(s3.endpoint())) {
 *     proxy.fail(S3FaultProxy.Request::isUploadPart, 1, S3FaultProxy.Fault.SLOW_DOWN); // the next part, once
 *     proxy.refuseConnections();   // unreachable
 *     proxy.forward();             // back, on the same port
 * }
 * }</pre>
 */
public final class S3FaultProxy implements AutoCloseable {

    /** What a chosen request gets instead of S3's answer. */
    public enum Fault {
        /** {@code 503 Slow Down}, S3's throttling answer. */
        SLOW_DOWN(503, "Slow Down", "SlowDown", "Please reduce your request rate."),
        /** {@code 500 Internal Server Error}. */
        INTERNAL_ERROR(500, "Internal Server Error", "InternalError",
                "We encountered an internal error. Please try again."),
        /**
         * {@code 200 OK} with an {@code InternalError} body: how S3 reports a CompleteMultipartUpload
         * (or a copy) that failed after the 200 status line was sent.
         */
        OK_WITH_INTERNAL_ERROR(200, "OK", "InternalError", "We encountered an internal error. Please try again."),
        /**
         * The request reaches S3 and is carried out, then the client gets {@code 500 InternalError}
         * instead of S3's answer: a success whose answer was lost.
         */
        INTERNAL_ERROR_AFTER_FORWARDING(500, "Internal Server Error", "InternalError",
                "We encountered an internal error. Please try again."),
        /** The connection is closed without an answer. */
        DROP_CONNECTION(0, null, null, null);

        final int status;
        final String reason;
        final String code;
        final String message;

        Fault(int status, String reason, String code, String message) {
            this.status = status;
            this.reason = reason;
            this.code = code;
            this.message = message;
        }
    }

    /**
     * A request as the proxy sees it: the method, the request target (path and query, as sent)
     * and the header names in lower case with their values.
     */
    public record Request(String method, String target, java.util.Map<String, String> headers) {

        /** An UploadPart: {@code PUT /bucket/key?partNumber=N&uploadId=...}. */
        public boolean isUploadPart() {
            return method.equals("PUT") && target.contains("partNumber=") && target.contains("uploadId=");
        }

        /** The part number of an UploadPart, else 0. */
        public int partNumber() {
            int at = target.indexOf("partNumber=");
            if (at < 0) {
                return 0;
            }
            int end = at + "partNumber=".length();
            while (end < target.length() && Character.isDigit(target.charAt(end))) {
                end++;
            }
            return Integer.parseInt(target.substring(at + "partNumber=".length(), end));
        }

        /** A CompleteMultipartUpload: {@code POST /bucket/key?uploadId=...}. */
        public boolean isCompleteMultipartUpload() {
            return method.equals("POST") && target.contains("uploadId=");
        }

        /** An AbortMultipartUpload: {@code DELETE /bucket/key?uploadId=...}. */
        public boolean isAbortMultipartUpload() {
            return method.equals("DELETE") && target.contains("uploadId=");
        }
    }

    private record Rule(Predicate<Request> matches, Fault fault, AtomicInteger remaining) {
    }

    private final InetSocketAddress upstream;
    private final int port;
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final List<Request> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger injected = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private boolean closed;

    private S3FaultProxy(InetSocketAddress upstream, ServerSocket listener) {
        this.upstream = upstream;
        this.listener = listener;
        this.port = listener.getLocalPort();
    }

    /** A proxy on an ephemeral port of 127.0.0.1 forwarding to {@code endpoint} ({@code http://host:port}). */
    public static S3FaultProxy start(URI endpoint) throws IOException {
        ServerSocket listener = bind(0);
        S3FaultProxy proxy = new S3FaultProxy(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), listener);
        proxy.acceptOn(listener);
        return proxy;
    }

    /** {@code http://127.0.0.1:PORT}: the S3 endpoint to give the client. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * The next {@code times} requests matching {@code matches} get {@code fault}
     * ({@link Integer#MAX_VALUE}: every one, until {@link #reset()}).
     */
    public void fail(Predicate<Request> matches, int times, Fault fault) {
        rules.add(new Rule(matches, fault, new AtomicInteger(times)));
    }

    /** Forgets every rule of {@link #fail} (requests pass again), the requests seen and the faults counted. */
    public void reset() {
        rules.clear();
        seen.clear();
        injected.set(0);
    }

    /** How many faults were injected since the start or {@link #reset()}. */
    public int faultsInjected() {
        return injected.get();
    }

    /** The requests seen (forwarded or not) since the start or {@link #reset()} that match {@code matches}. */
    public List<Request> requests(Predicate<Request> matches) {
        return seen.stream().filter(matches).toList();
    }

    /**
     * S3 unreachable: closes every open connection and the listening socket, so connecting is
     * refused ({@code ECONNREFUSED}) until {@link #forward()}.
     */
    public synchronized void refuseConnections() throws IOException {
        if (listener != null) {
            listener.close();
            listener = null;
        }
        for (Socket s : open) {
            closeQuietly(s);
        }
    }

    /** Accepts connections again, on the same port, and forwards them (the rules still apply). */
    public synchronized void forward() throws IOException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        if (listener == null) {
            listener = bind(port);
            acceptOn(listener);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        refuseConnections();
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return socket;
    }

    private void acceptOn(ServerSocket socket) {
        Thread.ofPlatform().daemon().name("s3-fault-proxy-" + port).start(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    synchronized (this) {
                        // Accepted just as refuseConnections() closed the listener: refused too, not served.
                        if (listener != socket) {
                            closeQuietly(client);
                            continue;
                        }
                        open.add(client);
                    }
                    Thread.ofPlatform().daemon().name("s3-fault-proxy-connection").start(() -> serve(client));
                } catch (IOException e) {
                    // closed: refuseConnections() or close()
                }
            }
        });
    }

    private void serve(Socket client) {
        Socket server = new Socket();
        open.add(server);
        try (client; server) {
            server.connect(upstream, 5_000);
            InputStream fromClient = client.getInputStream();
            OutputStream toServer = server.getOutputStream();
            // Answers flow back untouched; a closed socket ends both directions.
            Thread answers = Thread.ofPlatform().daemon().name("s3-fault-proxy-answers").start(() -> {
                try {
                    server.getInputStream().transferTo(client.getOutputStream());
                } catch (IOException e) {
                    // one side closed
                } finally {
                    closeQuietly(client);
                    closeQuietly(server);
                }
            });
            while (true) {
                byte[] head = HttpRequestFraming.readHead(fromClient);
                if (head == null) {
                    break;
                }
                Request request = HttpRequestFraming.parse(head);
                seen.add(request);
                Fault fault = faultFor(request);
                if (fault != null) {
                    injected.incrementAndGet();
                    if (fault == Fault.INTERNAL_ERROR_AFTER_FORWARDING) {
                        forwardAlone(head, request, client, fromClient);
                        writeError(client, fault);
                    } else {
                        answer(client, fromClient, request, fault);
                    }
                    break;
                }
                toServer.write(head);
                HttpRequestFraming.copyBody(request, fromClient, toServer);
                toServer.flush();
            }
            server.shutdownOutput();
            answers.join(60_000);
        } catch (IOException e) {
            // a side went away (or refuseConnections()): the client sees a closed connection
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            open.remove(client);
            open.remove(server);
        }
    }

    private Fault faultFor(Request request) {
        for (Rule rule : rules) {
            if (rule.matches().test(request) && rule.remaining().getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
                return rule.fault();
            }
        }
        return null;
    }

    /**
     * Carries out {@code request} on a connection of its own (without {@code Expect}, with
     * {@code Connection: close}; neither header is signed) and discards S3's answer.
     */
    private void forwardAlone(byte[] head, Request request, Socket client, InputStream fromClient) throws IOException {
        if ("100-continue".equalsIgnoreCase(request.headers().getOrDefault("expect", ""))) {
            client.getOutputStream().write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
        }
        StringBuilder rewritten = new StringBuilder();
        for (String line : new String(head, StandardCharsets.ISO_8859_1).split("\r\n")) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (!line.isEmpty() && !lower.startsWith("expect:") && !lower.startsWith("connection:")) {
                rewritten.append(line).append("\r\n");
            }
        }
        rewritten.append("Connection: close\r\n\r\n");
        try (Socket alone = new Socket()) {
            alone.connect(upstream, 5_000);
            OutputStream out = alone.getOutputStream();
            out.write(rewritten.toString().getBytes(StandardCharsets.ISO_8859_1));
            HttpRequestFraming.copyBody(request, fromClient, out);
            out.flush();
            alone.getInputStream().transferTo(OutputStream.nullOutputStream()); // to S3's close
        }
    }

    /**
     * Answers {@code fault} and ends the connection. A client waiting for {@code 100 Continue} has
     * sent no body and gets the final answer at once; any other body is read first, so the client
     * is not reset while still writing it.
     */
    private static void answer(Socket client, InputStream fromClient, Request request, Fault fault) throws IOException {
        if (fault == Fault.DROP_CONNECTION) {
            return;
        }
        if (!"100-continue".equalsIgnoreCase(request.headers().getOrDefault("expect", ""))) {
            HttpRequestFraming.copyBody(request, fromClient, OutputStream.nullOutputStream());
        }
        writeError(client, fault);
    }

    private static void writeError(Socket client, Fault fault) throws IOException {
        byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + fault.code + "</Code><Message>"
                + fault.message + "</Message><RequestId>fault-proxy</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + fault.status + " " + fault.reason + "\r\nContent-Type: application/xml\r\n"
                + "Content-Length: " + body.length + "\r\nx-amz-request-id: fault-proxy\r\nConnection: close\r\n\r\n";
        OutputStream out = client.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        client.shutdownOutput();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
