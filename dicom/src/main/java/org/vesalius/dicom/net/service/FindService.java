package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.AssociationException;
import org.vesalius.dicom.net.ul.IncomingMessage;

/**
 * Performs one incoming C-FIND-RQ: the identifier is read on the reader thread, the matches are
 * pulled from the handler's stream and sent on the executor, each as a Pending response, until
 * the stream ends (Success), a C-CANCEL arrives (Cancel) or the handler fails.
 */
final class FindService {

    private static final Logger LOG = LoggerFactory.getLogger(FindService.class);

    private FindService() {
    }

    static void perform(DimseChannel channel, CommandSet command, IncomingMessage message, CFindHandler handler,
            Executor executor, IdentifierLimits limits) throws IOException {
        long start = System.nanoTime();
        Dataset identifier = Identifiers.read(channel, command, message, limits);
        if (identifier == null) {
            return;
        }
        FindRequest request = new FindRequest(AssociationInfo.of(channel.association()), message.presentationContext(),
                command.messageId(), command.affectedSopClassUid(), command.priority(), identifier);
        AtomicBoolean cancelled = new AtomicBoolean();
        if (!channel.startOperation(command.messageId(), () -> cancelled.set(true))) {
            DimseServiceRegistry.refuse(channel, command, message, DicomStatus.PROCESSING_FAILURE,
                    "message ID " + command.messageId() + " is already in progress");
            return;
        }
        try {
            executor.execute(DimseLog.withMdc(channel.association().toString(),
                    () -> run(channel, command, message.presentationContextId(), request, handler, cancelled, start)));
        } catch (RejectedExecutionException e) {
            channel.endOperation(command.messageId());
            channel.respond(message, command, DicomStatus.OUT_OF_RESOURCES, "no thread for the query");
        }
    }

    private static void run(DimseChannel channel, CommandSet command, int pcId, FindRequest request,
            CFindHandler handler, AtomicBoolean cancelled, long start) {
        String name = channel.association().toString();
        TransferSyntax syntax = TransferSyntax.of(request.presentationContext().transferSyntax());
        int matches = 0;
        DicomStatus status = DicomStatus.SUCCESS;
        String comment = null;
        try {
            try (Stream<Dataset> results = handler.find(request)) {
                Iterator<Dataset> it = results.iterator();
                while (!cancelled.get() && it.hasNext()) {
                    Dataset match = it.next();
                    channel.send(pcId, CommandSet.responseTo(command, DicomStatus.PENDING, true),
                            out -> DicomWriter.writeDataset(match, syntax, out, EncodingOptions.DEFAULT));
                    matches++;
                }
            }
            if (cancelled.get()) {
                status = DicomStatus.CANCEL;
            }
        } catch (DicomServiceException e) {
            status = e.status();
            comment = e.errorComment();
        } catch (AssociationException e) {
            DimseLog.find(name, "from", request.sopClassUid(), request.queryRetrieveLevel(), matches, null,
                    "association ended: " + e.getMessage(), start);
            return;
        } catch (IOException | RuntimeException e) {
            status = DicomStatus.CANNOT_UNDERSTAND;
            comment = e.toString();
            LOG.warn("{}: C-FIND failed", name, e);
        } finally {
            channel.endOperation(command.messageId());
        }
        try {
            channel.send(pcId, CommandSet.responseTo(command, status, false).withErrorComment(comment), null);
        } catch (IOException e) {
            comment = "final response not sent: " + e.getMessage();
        }
        DimseLog.find(name, "from", request.sopClassUid(), request.queryRetrieveLevel(), matches, status, comment, start);
    }
}
