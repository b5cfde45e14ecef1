package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.AssociationAbortedException;
import org.vesalius.dicom.net.ul.AssociationEnd;
import org.vesalius.dicom.net.ul.AssociationException;
import org.vesalius.dicom.net.ul.AssociationTimeoutException;
import org.vesalius.dicom.net.ul.IncomingMessage;

/**
 * A C-MOVE or C-GET invoked by us: the reader thread queues what arrives (Pending counts, the
 * final response, C-GET sub-operations as signs of life, the end of the association); the invoking
 * thread takes it from the queue, reports progress, sends C-CANCEL when asked, and gives up after
 * {@link DimseOptions#retrieveResponseTimeout()} without news.
 */
final class RetrieveOperation implements DimseChannel.ResponseListener {

    /** A sub-operation came in (C-GET): the SCP is alive, the timeout starts again. */
    private static final Object ACTIVITY = new Object();

    private record Final(CommandSet response, List<String> failed) {
    }

    private final DimseChannel channel;
    private final int pcId;
    private final int messageId;
    private final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();

    RetrieveOperation(DimseChannel channel, int pcId, int messageId) {
        this.channel = channel;
        this.pcId = pcId;
        this.messageId = messageId;
    }

    @Override
    public boolean onResponse(CommandSet response, IncomingMessage message) {
        DicomStatus status = response.status();
        if (status != null && status.isPending()) {
            events.add(SubOperations.of(response));
            return false;
        }
        List<String> failed = List.of();
        if (message.hasDataSet()) {
            try {
                Dataset ds = Identifiers.read(message);
                String[] uids = ds.getStrings(Tags.FailedSOPInstanceUIDList);
                failed = uids == null ? List.of() : List.of(uids);
            } catch (IOException e) {
                // the counts still tell how many failed; the list is optional anyway
            }
        }
        events.add(new Final(response, failed));
        return true;
    }

    @Override
    public void onEnded(AssociationEnd end) {
        events.add(new AssociationAbortedException(end));
    }

    /** Wraps the C-GET receiver so that each sub-operation counts as a sign of life. */
    CStoreHandler signalling(CStoreHandler receiver) {
        return (request, dataSet) -> {
            events.add(ACTIVITY);
            try {
                return receiver.store(request, dataSet);
            } finally {
                events.add(ACTIVITY);
            }
        };
    }

    /** Waits for the final response, reporting each Pending one to {@code progress}. */
    RetrieveResult await(RetrieveProgress progress, Duration timeout, String what) throws IOException {
        boolean cancelSent = false;
        try {
            while (true) {
                Object event = events.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
                if (event == null) {
                    channel.forget(messageId);
                    channel.association().abort();
                    throw new AssociationTimeoutException(channel.association() + ": no " + what + " within " + timeout);
                }
                if (event instanceof SubOperations counts) {
                    if (!progress.onPending(counts) && !cancelSent) {
                        cancelSent = true;
                        channel.send(pcId, CommandSet.cancelRequest(messageId), null);
                    }
                } else if (event instanceof Final f) {
                    DimseResponse r = DimseResponse.of(f.response());
                    return new RetrieveResult(r.status(), r.errorComment(), SubOperations.of(f.response()), f.failed());
                } else if (event instanceof IOException e) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            channel.forget(messageId);
            channel.association().abort();
            throw new AssociationException("interrupted waiting for " + what);
        }
    }
}
