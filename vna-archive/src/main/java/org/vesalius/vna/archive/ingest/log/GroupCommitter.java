package org.vesalius.vna.archive.ingest.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.storage.StorageUnavailableException;

/**
 * The log's one writer thread. Every record that arrived while the previous flush ran goes out
 * together: first each distinct directory the batch asked for is flushed (so the blob entries the
 * records describe are durable before the records are), then one write of all frames and one
 * {@code force(false)} (fdatasync). Each caller waits on its own future, completed with the
 * record's position once it is durable, or failed: a failure is never an acknowledgement.
 */
final class GroupCommitter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
    /** Bytes of frames in one write at most (a batch that large is already plenty of records). */
    private static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

    /** A record waiting to be written. */
    record Request(byte[] frame, Path directory, CompletableFuture<Long> done) {
    }

    private final IngestLog log;
    private final boolean directorySync;
    /** Put by {@link #close()}: the writer ends once it reaches it (it blocks without polling until then). */
    private static final Request STOP = new Request(new byte[0], null, new CompletableFuture<>());

    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private final AtomicLong forces = new AtomicLong();
    private final AtomicLong directoryFlushes = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private boolean closing;
    private Request carried;

    GroupCommitter(IngestLog log, boolean directorySync) {
        this.log = log;
        this.directorySync = directorySync;
        this.thread = Thread.ofPlatform().daemon().name("vna-ingest-log").start(this::run);
    }

    /** Queues a frame; the future completes when it is durable. */
    CompletableFuture<Long> submit(byte[] frame, Path directory) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        synchronized (this) { // never after STOP: nothing would take it
            if (closing) {
                done.completeExceptionally(new StorageUnavailableException("the ingest log is closed"));
                return done;
            }
            queue.add(new Request(frame, directory, done));
        }
        return done;
    }

    long forces() {
        return forces.get();
    }

    long directoryFlushes() {
        return directoryFlushes.get();
    }

    long records() {
        return records.get();
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        boolean stop = false;
        while (!stop) {
            try {
                Request first = carried != null ? carried : queue.take();
                carried = null;
                if (first == STOP) {
                    break;
                }
                batch.add(first);
                int bytes = first.frame().length;
                for (Request next; bytes < MAX_BATCH_BYTES && (next = queue.poll()) != null; ) {
                    if (next == STOP) {
                        stop = true; // after this batch
                        break;
                    }
                    if (bytes + next.frame().length > MAX_BATCH_BYTES) {
                        carried = next;
                        break;
                    }
                    batch.add(next);
                    bytes += next.frame().length;
                }
                commit(batch, bytes);
            } catch (InterruptedException e) {
                break;
            } catch (Throwable e) { // this thread is the only writer: it must not die
                LOG.error("ingest log writer: unexpected failure", e);
                fail(batch, e);
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Request> batch, int bytes) {
        Segment segment = null;
        try {
            Set<Path> directories = new LinkedHashSet<>();
            for (Request r : batch) {
                if (r.directory() != null) {
                    directories.add(r.directory());
                }
            }
            for (Path dir : directories) {
                flushDirectory(dir);
            }
            segment = log.segmentForWriting();
            ByteBuffer all = ByteBuffer.allocate(bytes);
            for (Request r : batch) {
                all.put(r.frame());
            }
            all.flip();
            long start = segment.bytes;
            long at = start;
            while (all.hasRemaining()) {
                at += segment.channel.write(all, at);
            }
            segment.channel.force(false);
            forces.incrementAndGet();
            records.addAndGet(batch.size());
            long[] positions = log.committed(segment, batch, start);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(positions[i]);
            }
        } catch (IOException | RuntimeException e) {
            // After a failed write or fsync the segment's tail is in doubt: nothing more goes into it.
            log.writeFailed(segment, batch.size(), e);
            fail(batch, e);
        }
    }

    private static void fail(List<Request> batch, Throwable cause) {
        StorageUnavailableException failure = cause instanceof StorageUnavailableException s ? s
                : new StorageUnavailableException("writing the ingest log failed: " + cause, cause);
        for (Request r : batch) {
            r.done().completeExceptionally(failure);
        }
    }

    void flushDirectory(Path dir) throws IOException {
        if (!directorySync) {
            return;
        }
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
        directoryFlushes.incrementAndGet();
    }

    /** Writes what was queued, then stops. */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            queue.add(STOP);
        }
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
        List<Request> left = new ArrayList<>();
        queue.drainTo(left);
        left.remove(STOP);
        fail(left, new StorageUnavailableException("the ingest log is closed"));
    }
}
