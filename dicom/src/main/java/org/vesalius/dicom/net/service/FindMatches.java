package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.AssociationAbortedException;
import org.vesalius.dicom.net.ul.AssociationEnd;
import org.vesalius.dicom.net.ul.AssociationTimeoutException;
import org.vesalius.dicom.net.ul.IncomingMessage;

/**
 * The matches of a C-FIND as they arrive: a single-use, lazy sequence, to be closed (try with
 * resources). Matches are buffered up to {@link DimseOptions#findBufferSize()}; beyond that the
 * association's reader waits for the consumer, and TCP slows the SCP down.
 *
 * <pre>{@code
 * try (FindMatches studies = scu.find(as, UID.StudyRootQueryRetrieveInformationModelFind, keys)) {
 *     for (Dataset study : studies) {
 *         ...
 *     }
 * }
 * }</pre>
 *
 * <p>Iteration ends after the final response. A final failure status is thrown as
 * {@link DicomServiceException} from {@code hasNext()} (the matches before it were real, but the
 * result is incomplete); an association that ends or a response that does not come within
 * {@link DimseOptions#responseTimeout()} is thrown as {@link UncheckedIOException} (after a
 * timeout the association is aborted). {@link #cancel()} sends C-CANCEL; {@link #close()} cancels
 * a query still running and waits for its final response.
 */
public final class FindMatches implements Iterable<Dataset>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FindMatches.class);

    private final DimseChannel channel;
    private final int pcId;
    private final int messageId;
    private final String sopClass;
    private final String level;
    private final long startNanos = System.nanoTime();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final Condition taken = lock.newCondition();
    private final ArrayDeque<Dataset> buffer = new ArrayDeque<>();
    private final Iterator<Dataset> iterator = new Cursor();
    private DimseResponse finalResponse;
    private IOException failure;
    private boolean failureThrown;
    private boolean cancelled;
    private int matches;

    FindMatches(DimseChannel channel, int pcId, int messageId, String sopClass, String level) {
        this.channel = channel;
        this.pcId = pcId;
        this.messageId = messageId;
        this.sopClass = sopClass;
        this.level = level;
    }

    /** The matches; the same single-use iterator on every call. */
    @Override
    public Iterator<Dataset> iterator() {
        return iterator;
    }

    /** The matches as a sequential stream; closing it closes this. */
    public Stream<Dataset> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }

    /** The final response, once it has arrived. */
    public Optional<DimseResponse> finalResponse() {
        lock.lock();
        try {
            return Optional.ofNullable(finalResponse);
        } finally {
            lock.unlock();
        }
    }

    /** Matches received so far. */
    public int received() {
        lock.lock();
        try {
            return matches;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks the SCP to stop (C-CANCEL-RQ). Matches not yet consumed are dropped; iteration ends
     * with the final response (Cancel, or Success if the SCP had finished).
     */
    public void cancel() throws IOException {
        lock.lock();
        try {
            if (cancelled || finalResponse != null || failure != null) {
                return;
            }
            cancelled = true;
            buffer.clear();
            taken.signalAll();
        } finally {
            lock.unlock();
        }
        channel.send(pcId, CommandSet.cancelRequest(messageId), null);
    }

    /** Cancels if the query is still running and waits for its final response (aborting after the response timeout). */
    @Override
    public void close() {
        try {
            cancel();
        } catch (IOException e) {
            LOG.debug("{}: C-CANCEL not sent: {}", channel.association(), e.toString());
        }
        lock.lock();
        try {
            long left = channel.options().responseTimeout().toNanos();
            while (finalResponse == null && failure == null && left > 0) {
                left = arrived.awaitNanos(left);
            }
            if (finalResponse == null && failure == null) {
                channel.forget(messageId);
                channel.association().abort();
                failure = new AssociationTimeoutException("no final C-FIND-RSP after C-CANCEL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- reader thread

    /** Feeds responses from the association's reader thread. */
    final DimseChannel.ResponseListener listener = new DimseChannel.ResponseListener() {
        @Override
        public boolean onResponse(CommandSet response, IncomingMessage message) {
            DicomStatus status = response.status();
            if (status != null && status.isPending()) {
                pending(message);
                return false;
            }
            lock.lock();
            try {
                finalResponse = DimseResponse.of(response);
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
            DimseLog.find(channel.association().toString(), "to", sopClass, level, matches, finalResponse.status(),
                    finalResponse.errorComment(), startNanos);
            return true;
        }

        @Override
        public void onEnded(AssociationEnd end) {
            fail(new AssociationAbortedException(end));
        }
    };

    private void pending(IncomingMessage message) {
        Dataset match;
        try {
            match = message.hasDataSet() ? Identifiers.read(message) : new Dataset();
        } catch (IOException e) {
            fail(new IOException("unreadable C-FIND match: " + e.getMessage(), e));
            return;
        }
        lock.lock();
        try {
            long left = channel.options().responseTimeout().toNanos();
            while (buffer.size() >= channel.options().findBufferSize() && !cancelled && failure == null && left > 0) {
                left = taken.awaitNanos(left);
            }
            if (cancelled || failure != null) {
                return; // dropped
            }
            if (left <= 0) {
                // Nobody consumes: rather than hold the association for ever, give it up.
                failure = new AssociationTimeoutException("C-FIND matches not consumed within "
                        + channel.options().responseTimeout());
                channel.association().abort();
                arrived.signalAll();
                return;
            }
            buffer.add(match);
            matches++;
            arrived.signalAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void fail(IOException e) {
        lock.lock();
        try {
            if (failure == null && finalResponse == null) {
                failure = e;
            }
            arrived.signalAll();
            taken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- consumer

    private final class Cursor implements Iterator<Dataset> {

        @Override
        public boolean hasNext() {
            lock.lock();
            try {
                long left = channel.options().responseTimeout().toNanos();
                while (buffer.isEmpty() && finalResponse == null && failure == null) {
                    if (left <= 0) {
                        channel.forget(messageId);
                        channel.association().abort();
                        failure = new AssociationTimeoutException(channel.association() + ": no C-FIND-RSP within "
                                + channel.options().responseTimeout());
                        break;
                    }
                    left = arrived.awaitNanos(left);
                }
                if (!buffer.isEmpty()) {
                    return true;
                }
                if (failure != null) {
                    if (failureThrown) {
                        return false;
                    }
                    failureThrown = true;
                    throw new UncheckedIOException(failure);
                }
                DicomStatus status = finalResponse.status();
                if (!status.isSuccessOrWarning() && status.category() != DicomStatus.Category.CANCEL && !failureThrown) {
                    failureThrown = true;
                    throw new DicomServiceException(status, finalResponse.errorComment());
                }
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedIOException(new IOException("interrupted waiting for C-FIND-RSP"));
            } finally {
                lock.unlock();
            }
        }

        @Override
        public Dataset next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            lock.lock();
            try {
                Dataset match = buffer.poll();
                taken.signalAll();
                return match;
            } finally {
                lock.unlock();
            }
        }
    }
}
