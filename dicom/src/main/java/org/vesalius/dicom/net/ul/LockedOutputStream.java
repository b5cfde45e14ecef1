package org.vesalius.dicom.net.ul;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;

/** Holds a lock from creation until close, so that one message's PDVs are not interleaved with another's. */
final class LockedOutputStream extends FilterOutputStream {

    private final ReentrantLock lock;
    private boolean closed;

    LockedOutputStream(OutputStream out, ReentrantLock heldLock) {
        super(out);
        this.lock = heldLock;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
        } finally {
            lock.unlock();
        }
    }
}
