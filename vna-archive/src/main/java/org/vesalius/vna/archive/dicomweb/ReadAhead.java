package org.vesalius.vna.archive.dicomweb;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Opens the next parts of a multi-instance answer while the current one is written: each is
 * opened and its first {@link #PRIMED} bytes read on a virtual thread {@link #DEPTH} parts ahead,
 * so a cold disk (or S3's first byte) is waited for while the client is still busy with the part
 * before. At most {@code DEPTH × PRIMED} bytes are held; an instance is never held whole. Not
 * thread-safe: one answer's writer uses it.
 *
 * @param <T> what a part is made from
 */
final class ReadAhead<T> implements AutoCloseable {

    static final int DEPTH = 2;
    static final int PRIMED = 64 * 1024;

    private final Iterator<T> items;
    private final Function<T, InputStream> opener;
    private final Deque<CompletableFuture<InputStream>> ahead = new ArrayDeque<>(DEPTH + 1);

    ReadAhead(List<T> items, Function<T, InputStream> opener) {
        this.items = items.iterator();
        this.opener = opener;
        fill();
    }

    /**
     * The next part's stream, or the failure its opener threw (unchecked, as thrown).
     *
     * @throws java.util.NoSuchElementException no part is left
     */
    InputStream next() {
        CompletableFuture<InputStream> f = ahead.removeFirst();
        fill();
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.thenAccept(ReadAhead::closeQuietly);
            throw new IllegalStateException("interrupted while opening a part", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void fill() {
        while (ahead.size() < DEPTH && items.hasNext()) {
            T item = items.next();
            CompletableFuture<InputStream> f = new CompletableFuture<>();
            Thread.ofVirtual().name("wado-read-ahead").start(() -> {
                try {
                    f.complete(primed(opener.apply(item)));
                } catch (Throwable t) {
                    f.completeExceptionally(t);
                }
            });
            ahead.addLast(f);
        }
    }

    /** The stream with its first bytes read already (the disk is read while this part waits its turn). */
    private static InputStream primed(InputStream in) {
        try {
            byte[] head = in.readNBytes(PRIMED);
            return new SequenceInputStream(new ByteArrayInputStream(head), in);
        } catch (IOException e) {
            closeQuietly(in);
            throw new UncheckedIOException("cannot read ahead: " + e.getMessage(), e);
        }
    }

    /** Closes what was opened ahead and not taken. */
    @Override
    public void close() {
        while (!ahead.isEmpty()) {
            ahead.removeFirst().thenAccept(ReadAhead::closeQuietly);
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing was sent from it
        }
    }
}
