package org.vesalius.dicom.net.ul;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.vesalius.dicom.net.ul.pdu.Pdu;

/**
 * The TCP (or TLS) connection under one association. Whole PDUs are written under a lock so that
 * PDUs from different threads never interleave; bytes and the time of the last activity are counted
 * for logs and the idle timeout.
 */
final class Transport implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ReentrantLock pduLock = new ReentrantLock();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long lastActivityNanos = System.nanoTime();

    Transport(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(new Counting(socket.getInputStream()), 64 * 1024);
        this.out = socket.getOutputStream();
    }

    InputStream input() {
        return in;
    }

    SocketAddress remoteAddress() {
        return socket.getRemoteSocketAddress();
    }

    Socket socket() {
        return socket;
    }

    /** Writes one encoded PDU (or several whole PDUs) in one go. */
    void write(byte[] pdu, int offset, int length) throws IOException {
        pduLock.lock();
        try {
            out.write(pdu, offset, length);
            out.flush();
            bytesOut.add(length);
            lastActivityNanos = System.nanoTime();
        } finally {
            pduLock.unlock();
        }
    }

    void send(Pdu pdu) throws IOException {
        byte[] bytes = PduWriter.encode(pdu);
        write(bytes, 0, bytes.length);
    }

    /**
     * Sends a PDU unless another thread has been blocked writing for longer than {@code patience}
     * (a peer that stopped reading): then nothing is sent and false is returned, so that an abort
     * never hangs.
     */
    boolean trySend(Pdu pdu, Duration patience) throws IOException {
        byte[] bytes = PduWriter.encode(pdu);
        try {
            if (!pduLock.tryLock(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            write(bytes, 0, bytes.length);
            return true;
        } finally {
            pduLock.unlock();
        }
    }

    long bytesIn() {
        return bytesIn.sum();
    }

    long bytesOut() {
        return bytesOut.sum();
    }

    long lastActivityNanos() {
        return lastActivityNanos;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Closes the socket; safe to call from any thread, any number of times. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }

    /** Counts received bytes and notes activity. */
    private final class Counting extends FilterInputStream {

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                received(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                received(n);
            }
            return n;
        }

        private void received(int n) {
            bytesIn.add(n);
            lastActivityNanos = System.nanoTime();
        }
    }
}
