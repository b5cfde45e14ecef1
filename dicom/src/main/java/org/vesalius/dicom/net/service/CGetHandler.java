package org.vesalius.dicom.net.service;

import java.io.IOException;

/**
 * Performs C-GET (PS3.4 C.4.3) for an SCP: says which instances to send; the registry sends them
 * back on the same association as C-STORE sub-operations, on contexts for which the requestor
 * took the SCP role (role selection), reports progress with Pending responses, and answers with
 * the final status as for C-MOVE. An instance without such a context counts as a failed
 * sub-operation.
 *
 * <p>Refusing: throw {@link DicomServiceException}; any other exception is answered C000 and
 * logged. Runs on its own thread, not the association's reader. A class serving C-MOVE can serve
 * C-GET with the same method.
 */
@FunctionalInterface
public interface CGetHandler {

    /** What to send for {@code request}; its size is the number of sub-operations announced. */
    RetrieveTask retrieve(RetrieveRequest request) throws IOException;
}
