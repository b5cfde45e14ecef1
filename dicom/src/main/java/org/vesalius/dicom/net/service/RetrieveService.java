package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.AssociationException;
import org.vesalius.dicom.net.ul.IncomingMessage;

/**
 * Performs one incoming C-MOVE-RQ or C-GET-RQ: resolves the destination (C-MOVE; unknown: A801),
 * asks the handler what to send, sends it instance by instance with a Pending response after
 * each, and ends with the final status and the Failed SOP Instance UID List (PS3.4 C.4.2.3,
 * C.4.3.3). Runs on the executor; C-CANCEL stops it between sub-operations.
 */
final class RetrieveService {

    private static final Logger LOG = LoggerFactory.getLogger(RetrieveService.class);

    /** What the registry knows about performing retrieves. */
    record Setup(CMoveHandler move, CGetHandler get, MoveDestinationResolver destinations, DimseOptions options,
            Executor executor, IdentifierLimits identifierLimits) {
    }

    private RetrieveService() {
    }

    static void perform(DimseChannel channel, CommandSet command, IncomingMessage message, Setup setup)
            throws IOException {
        long start = System.nanoTime();
        boolean move = setup.move() != null;
        Dataset identifier = Identifiers.read(channel, command, message, setup.identifierLimits());
        if (identifier == null) {
            return;
        }
        MoveDestination destination = null;
        if (move) {
            String aeTitle = command.moveDestination();
            Optional<MoveDestination> found = aeTitle == null || aeTitle.isEmpty() ? Optional.empty()
                    : setup.destinations().resolve(aeTitle);
            if (found.isEmpty()) {
                channel.send(message.presentationContextId(), CommandSet.responseTo(command,
                        DicomStatus.MOVE_DESTINATION_UNKNOWN, false).withSubOperations(-1, 0, 0, 0)
                        .withErrorComment("unknown move destination " + aeTitle), null);
                DimseLog.retrieve(channel.association().toString(), "C-MOVE", "from", command.affectedSopClassUid(),
                        aeTitle, SubOperations.NONE, DicomStatus.MOVE_DESTINATION_UNKNOWN, null, start);
                return;
            }
            destination = found.get();
        }
        RetrieveRequest request = new RetrieveRequest(AssociationInfo.of(channel.association()),
                message.presentationContext(), command.messageId(), command.affectedSopClassUid(), command.priority(),
                identifier, move ? destination.aeTitle() : null);
        AtomicBoolean cancelled = new AtomicBoolean();
        if (!channel.startOperation(command.messageId(), () -> cancelled.set(true))) {
            channel.respond(message, command, DicomStatus.PROCESSING_FAILURE,
                    "message ID " + command.messageId() + " is already in progress");
            return;
        }
        MoveDestination to = destination;
        try {
            setup.executor().execute(DimseLog.withMdc(channel.association().toString(), () -> new Run(channel, command,
                    message.presentationContextId(), request, setup, to, cancelled, start).run()));
        } catch (RejectedExecutionException e) {
            channel.endOperation(command.messageId());
            channel.respond(message, command, DicomStatus.OUT_OF_RESOURCES_SUB_OPERATIONS, "no thread for the retrieve");
        }
    }

    /** One retrieve, start to final response. */
    private record Run(DimseChannel channel, CommandSet command, int pcId, RetrieveRequest request, Setup setup,
            MoveDestination destination, AtomicBoolean cancelled, long start) {

        void run() {
            String operation = request.isMove() ? "C-MOVE" : "C-GET";
            Counts counts = new Counts();
            DicomStatus status;
            String comment = null;
            try {
                RetrieveTask task = request.isMove() ? setup.move().retrieve(request) : setup.get().retrieve(request);
                try (task; SubOperationTarget target = target()) {
                    counts.total = task.size();
                    send(task.instances(), target, counts);
                }
                status = counts.finalStatus(cancelled.get());
            } catch (DicomServiceException e) {
                status = e.status();
                comment = e.errorComment();
            } catch (AssociationException e) {
                DimseLog.retrieve(channel.association().toString(), operation, "from", request.sopClassUid(),
                        request.moveDestination(), counts.snapshot(-1), null, "association ended: " + e.getMessage(), start);
                return;
            } catch (IOException | RuntimeException e) {
                status = DicomStatus.CANNOT_UNDERSTAND;
                comment = e.toString();
                LOG.warn("{}: {} failed", channel.association(), operation, e);
            } finally {
                channel.endOperation(command.messageId());
            }
            SubOperations last = counts.snapshot(status.category() == DicomStatus.Category.CANCEL ? counts.remaining() : -1);
            try {
                List<String> failed = counts.failedUids;
                CommandSet response = CommandSet.responseTo(command, status, !failed.isEmpty())
                        .withSubOperations(last.remaining(), last.completed(), last.failed(), last.warning())
                        .withErrorComment(comment);
                channel.send(pcId, response, failed.isEmpty() ? null : failedList(failed));
            } catch (IOException e) {
                comment = "final response not sent: " + e.getMessage();
            }
            DimseLog.retrieve(channel.association().toString(), operation, "from", request.sopClassUid(),
                    request.moveDestination(), last, status, comment, start);
        }

        private SubOperationTarget target() {
            if (!request.isMove()) {
                return new GetSubOperations(channel);
            }
            return new MoveSubAssociation(destination, request.association().calledAeTitle(),
                    request.association().callingAeTitle(), request.messageId(), setup.options());
        }

        private void send(Iterator<OutgoingInstance> instances, SubOperationTarget target, Counts counts)
                throws IOException {
            while (!cancelled.get() && instances.hasNext()) {
                OutgoingInstance instance = instances.next();
                DicomStatus status;
                try {
                    if (instance.isUnavailable()) {
                        LOG.info("{}: sub-operation for {} failed: {}", channel.association(), LogValue.of(instance.sopInstanceUid()),
                                instance.unavailableReason());
                        status = DicomStatus.PROCESSING_FAILURE;
                    } else {
                        status = target.store(instance);
                    }
                } catch (IOException e) {
                    LOG.info("{}: sub-operation for {} failed: {}", channel.association(), LogValue.of(instance.sopInstanceUid()),
                            e.getMessage());
                    status = DicomStatus.PROCESSING_FAILURE;
                }
                counts.add(instance.sopInstanceUid(), status);
                if (counts.remaining() > 0) {
                    SubOperations now = counts.snapshot(counts.remaining());
                    channel.send(pcId, CommandSet.responseTo(command, DicomStatus.PENDING, false)
                            .withSubOperations(now.remaining(), now.completed(), now.failed(), now.warning()), null);
                }
            }
            if (!cancelled.get()) {
                counts.failed += counts.remaining(); // announced but never yielded by the task
            }
        }

        private org.vesalius.dicom.net.ul.DataWriter failedList(List<String> uids) {
            Dataset ds = new Dataset(1);
            ds.setString(Tags.FailedSOPInstanceUIDList, VR.UI, uids.toArray(String[]::new));
            TransferSyntax syntax = TransferSyntax.of(request.presentationContext().transferSyntax());
            return out -> DicomWriter.writeDataset(ds, syntax, out, EncodingOptions.DEFAULT);
        }
    }

    /** Sub-operation bookkeeping of one retrieve. */
    private static final class Counts {
        int total;
        int completed;
        int failed;
        int warning;
        final List<String> failedUids = new ArrayList<>();

        void add(String sopInstanceUid, DicomStatus status) {
            switch (status.category()) {
                case SUCCESS -> completed++;
                case WARNING -> warning++;
                default -> {
                    failed++;
                    failedUids.add(sopInstanceUid);
                }
            }
        }

        int remaining() {
            return Math.max(0, total - completed - failed - warning);
        }

        SubOperations snapshot(int remaining) {
            return new SubOperations(remaining, completed, failed, warning);
        }

        /** PS3.4 C.4.2.3.1: all fine, some failed or warned, all failed, or cancelled. */
        DicomStatus finalStatus(boolean cancelled) {
            if (cancelled) {
                return DicomStatus.CANCEL;
            }
            if (failed == 0 && warning == 0) {
                return DicomStatus.SUCCESS;
            }
            return completed == 0 && warning == 0 ? DicomStatus.OUT_OF_RESOURCES_SUB_OPERATIONS
                    : DicomStatus.SUB_OPERATIONS_WITH_FAILURES;
        }
    }
}
