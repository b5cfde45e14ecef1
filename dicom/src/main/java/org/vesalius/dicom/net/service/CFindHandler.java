package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.util.stream.Stream;
import org.vesalius.dicom.data.Dataset;

/**
 * Performs C-FIND (PS3.4 C.4.1 Query/Retrieve, K.4 Modality Worklist) for an SCP.
 *
 * <p>The handler returns the matches as a <em>lazy</em> stream: each is sent as a Pending (FF00)
 * response as soon as the stream yields it, and Success (0000) follows the last. A C-CANCEL stops
 * pulling from the stream and ends with Cancel (FE00). The stream is closed in every case, so a
 * database cursor behind it is released. Each match is the response identifier: the return keys
 * with their values (the handler includes Specific Character Set and Query/Retrieve Level as the
 * standard asks).
 *
 * <p>Refusing: throw {@link DicomServiceException} (from the call or from the stream) with A700
 * out of resources, A900 identifier does not match SOP Class, or Cxxx unable to process, and an
 * Error Comment. Any other exception is answered C000 and logged.
 *
 * <p>Runs on its own thread (not the association's reader), so it may block; calls for different
 * requests and associations run concurrently.
 */
@FunctionalInterface
public interface CFindHandler {

    /**
     * The matches for {@code request.identifier()}, produced lazily.
     *
     * @throws DicomServiceException to answer with its status
     * @throws IOException           answered C000 unable to process
     */
    Stream<Dataset> find(FindRequest request) throws IOException;
}
