package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.vesalius.dicom.net.dimse.DicomStatus;

/**
 * Performs C-STORE (PS3.4 Annex B) for an SCP, or receives the sub-operations of a C-GET on the
 * SCU side.
 *
 * <p>The data set is <em>streamed</em>: {@code dataSet} reads it from the association as its
 * fragments arrive, encoded in {@link StoreRequest#transferSyntaxUid()}, and ends after its last
 * fragment. Nothing is buffered, so a multi-gigabyte instance never sits in the heap. If the
 * association ends before the data set is complete, reading throws
 * {@link org.vesalius.dicom.net.ul.AssociationAbortedException}: the handler must then discard
 * what it received. The instance is never reported as stored in that case, whatever the handler
 * returns.
 *
 * <p>Answering: return the status (usually {@link DicomStatus#SUCCESS}, or a warning such as
 * B000 coercion), or throw {@link DicomServiceException} with a failure status and an Error
 * Comment (for example A700 out of resources). Any other exception is answered with 0110
 * processing failure and logged. Whatever the handler leaves unread is read and discarded before
 * the response is sent.
 *
 * <p>Called on the association's reader thread, one request at a time per association; a handler
 * shared by a server runs for many associations at once and must be thread-safe.
 */
@FunctionalInterface
public interface CStoreHandler {

    /**
     * Stores one instance.
     *
     * @param request what the command says (UIDs, transfer syntax, who sent it, move originator)
     * @param dataSet the data set as it arrives; valid during this call only
     * @return the status to answer with
     * @throws DicomServiceException to answer with its status and comment
     * @throws IOException           reading the data set failed, or storing it did (answered 0110)
     */
    DicomStatus store(StoreRequest request, InputStream dataSet) throws IOException;

    /** Reads each data set and throws it away; answers success. For benchmarks and tests. */
    static CStoreHandler discarding() {
        return (request, dataSet) -> {
            dataSet.transferTo(java.io.OutputStream.nullOutputStream());
            return DicomStatus.SUCCESS;
        };
    }

    /**
     * Writes each instance as a Part 10 file {@code <SOP Instance UID>.dcm} into {@code directory}:
     * a File Meta built from the command and the negotiated transfer syntax, then the data set
     * bytes exactly as they crossed the wire. Each file appears whole or not at all (written to a
     * temporary file, then renamed); an instance stored twice replaces the first copy.
     */
    static CStoreHandler toDirectory(Path directory) {
        return new DirectoryStoreHandler(directory);
    }
}
