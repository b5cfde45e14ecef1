package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationException;
import org.vesalius.dicom.net.ul.IncomingMessage;

/**
 * Performs one incoming C-STORE-RQ with a {@link CStoreHandler}, on the reader thread: the data
 * set streams from the association into the handler, and the response goes out only once the data
 * set has arrived whole. Serves the SCP and the receiving side of a C-GET alike.
 */
final class StoreService {

    private static final Logger LOG = LoggerFactory.getLogger(StoreService.class);

    private StoreService() {
    }

    static void perform(DimseChannel channel, CommandSet command, IncomingMessage message, CStoreHandler handler)
            throws IOException {
        long start = System.nanoTime();
        Association association = channel.association();
        String sopClass = command.affectedSopClassUid();
        String sopInstance = command.affectedSopInstanceUid();
        if (!message.hasDataSet() || sopClass == null || sopInstance == null) {
            channel.respond(message, command, DicomStatus.CANNOT_UNDERSTAND,
                    !message.hasDataSet() ? "C-STORE-RQ without a data set" : "C-STORE-RQ without SOP Class or Instance UID");
            return;
        }
        StoreRequest request = new StoreRequest(AssociationInfo.of(association), message.presentationContext(),
                command.messageId(), sopClass, sopInstance, command.priority(), command.moveOriginatorAet(),
                command.moveOriginatorMessageId());
        CountingInputStream dataSet = new CountingInputStream(message.dataSet());
        DicomStatus status;
        String comment = null;
        try {
            status = handler.store(request, dataSet);
            if (status == null) {
                status = DicomStatus.PROCESSING_FAILURE;
                comment = "the storage handler gave no status";
                LOG.warn("{}: {} returned no status for {}", association, handler.getClass().getName(), LogValue.of(sopInstance));
            }
        } catch (DicomServiceException e) {
            status = e.status();
            comment = e.errorComment();
        } catch (AssociationException e) {
            DimseLog.single(association.toString(), "C-STORE", "from", sopClass, sopInstance, null,
                    "association ended mid data set", dataSet.count(), start);
            return; // nobody to answer, and the instance is incomplete
        } catch (IOException | RuntimeException e) {
            status = DicomStatus.PROCESSING_FAILURE;
            comment = e.toString();
            LOG.warn("{}: storing {} failed", association, LogValue.of(sopInstance), e);
        }
        // Received means received whole: if the association ended before the last fragment, the
        // instance is not acknowledged, whatever the handler made of the stream.
        try {
            dataSet.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            DimseLog.single(association.toString(), "C-STORE", "from", sopClass, sopInstance, null,
                    "association ended mid data set", dataSet.count(), start);
            return;
        }
        channel.respond(message, command, status, comment);
        DimseLog.single(association.toString(), "C-STORE", "from", sopClass, sopInstance, status, comment,
                dataSet.count(), start);
    }
}
