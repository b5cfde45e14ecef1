package org.vesalius.dicom.net.service;

import java.io.IOException;

/**
 * Performs C-MOVE (PS3.4 C.4.2) for an SCP: says which instances to send; the registry sends them
 * to the destination on an association of its own (C-STORE sub-operations with Move Originator
 * AE Title and Message ID), reports progress with Pending responses, and answers with the final
 * status: 0000 all sent, B000 some failed or warned, A702 all failed, FE00 cancelled. The
 * destination is resolved by the registry's {@link MoveDestinationResolver} before this handler
 * is called; an unknown one is answered A801 without calling it.
 *
 * <p>Refusing: throw {@link DicomServiceException} (A701, A900, Cxxx, ...); any other exception
 * is answered C000 and logged. Runs on its own thread, not the association's reader.
 */
@FunctionalInterface
public interface CMoveHandler {

    /** What to send for {@code request}; its size is the number of sub-operations announced. */
    RetrieveTask retrieve(RetrieveRequest request) throws IOException;
}
