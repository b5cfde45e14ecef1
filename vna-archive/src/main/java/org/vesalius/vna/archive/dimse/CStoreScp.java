package org.vesalius.vna.archive.dimse;

import java.io.InputStream;
import java.util.Objects;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.CStoreHandler;
import org.vesalius.dicom.net.service.DicomServiceException;
import org.vesalius.dicom.net.service.StoreRequest;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;

/**
 * The C-STORE SCP: hands each data set, as it streams off the association, to the one
 * {@link IngestPort} (which writes a File Meta from the command in front of it), and answers
 * with the status {@link CStoreStatuses} gives the outcome; a failure the ingest throws instead of
 * reporting (a refusal by policy, say) is answered as {@link DimseFailures} maps it. No rule of its own.
 */
public final class CStoreScp implements CStoreHandler {

    private final IngestPort ingest;

    public CStoreScp(IngestPort ingest) {
        this.ingest = Objects.requireNonNull(ingest, "ingest");
    }

    @Override
    public DicomStatus store(StoreRequest request, InputStream dataSet) {
        IngestResult result;
        try {
            result = ingest.ingest(IngestRequest.dataSet(IngestSource.dimse(request.association().callingAeTitle()),
                    dataSet, request.transferSyntaxUid(), request.sopClassUid(), request.sopInstanceUid()));
        } catch (ArchiveException e) {
            throw DimseFailures.of(e, DimseFailures.Service.STORE);
        }
        DicomStatus status = CStoreStatuses.of(result);
        String comment = CStoreStatuses.comment(result);
        if (comment != null) {
            throw new DicomServiceException(status, comment); // answered with its status and Error Comment
        }
        return status;
    }
}
