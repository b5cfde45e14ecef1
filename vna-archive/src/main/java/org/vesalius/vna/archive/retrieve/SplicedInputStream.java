package org.vesalius.vna.archive.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The stored data set with a {@link SplicePlan} applied as it streams: bytes pass through
 * untouched except where an edit replaces, removes or inserts an element. Skipping outside the
 * edits is the source's own skip, so pixel data that is not wanted is never read.
 */
final class SplicedInputStream extends InputStream {

    private final InputStream source;
    private final List<SplicePlan.Edit> edits;
    private long position;          // in the source
    private int next;               // the next edit to apply
    private byte[] pending;         // replacement bytes being sent
    private int pendingAt;

    SplicedInputStream(InputStream source, SplicePlan plan) {
        this.source = source;
        this.edits = plan.edits;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (pending != null) {
                int n = Math.min(len, pending.length - pendingAt);
                System.arraycopy(pending, pendingAt, b, off, n);
                pendingAt += n;
                if (pendingAt == pending.length) {
                    pending = null;
                }
                return n;
            }
            if (next < edits.size() && edits.get(next).start() == position) {
                startEdit();
                continue;
            }
            long limit = next < edits.size() ? edits.get(next).start() - position : Long.MAX_VALUE;
            int n = source.read(b, off, (int) Math.min(len, limit));
            if (n > 0) {
                position += n;
            } else if (n < 0 && next < edits.size()) {
                throw new IOException("the stored object ended at " + position + ", before the header it was scanned with");
            }
            return n;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        while (skipped < n) {
            if (pending != null) {
                int k = (int) Math.min(n - skipped, pending.length - pendingAt);
                pendingAt += k;
                skipped += k;
                if (pendingAt == pending.length) {
                    pending = null;
                }
            } else if (next < edits.size() && edits.get(next).start() == position) {
                startEdit();
            } else {
                long limit = next < edits.size() ? edits.get(next).start() - position : Long.MAX_VALUE;
                long k = source.skip(Math.min(n - skipped, limit));
                if (k <= 0) {
                    if (read() < 0) {
                        break;
                    }
                    k = 1;
                } else {
                    position += k;
                }
                skipped += k;
            }
        }
        return skipped;
    }

    /** Skips the replaced bytes in the source and queues the replacement. */
    private void startEdit() throws IOException {
        SplicePlan.Edit e = edits.get(next++);
        long drop = e.end() - e.start();
        while (drop > 0) {
            long k = source.skip(drop);
            if (k <= 0) {
                if (source.read() < 0) {
                    throw new IOException("the stored object ended inside a replaced element");
                }
                k = 1;
            }
            drop -= k;
            position += k;
        }
        if (e.bytes().length > 0) {
            pending = e.bytes();
            pendingAt = 0;
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
