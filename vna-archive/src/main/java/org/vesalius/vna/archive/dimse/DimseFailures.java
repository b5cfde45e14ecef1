package org.vesalius.vna.archive.dimse;

import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.DicomServiceException;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.ConflictException;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.failure.NotFoundException;
import org.vesalius.vna.archive.api.failure.RefusedException;
import org.vesalius.vna.archive.api.failure.TooLargeException;
import org.vesalius.vna.archive.api.failure.UnavailableException;
import org.vesalius.vna.archive.api.failure.UnsupportedException;

/**
 * The archive's failures in DIMSE terms, decided once for the C-STORE, C-FIND, C-MOVE and C-GET
 * SCPs: a failure status (PS3.4 B.2.3, C.4.1.1.4, C.4.2.1.5, C.4.3.1.4; PS3.7 C) and the failure's
 * message as the Error Comment (the wire keeps 64 characters; an invalid request's message leads
 * with the parameter at fault). C-STORE outcomes that are results rather than failures (stored,
 * coerced, an invalid object) keep their own statuses ({@link CStoreStatuses}).
 *
 * <table>
 *   <caption>DIMSE status per kind</caption>
 *   <tr><th>kind</th><th>C-STORE</th><th>C-FIND</th><th>C-MOVE / C-GET</th></tr>
 *   <tr><td>NOT_FOUND</td><td>C000 Cannot understand</td><td>C000 Unable to process</td><td>C000 Unable to process</td></tr>
 *   <tr><td>INVALID_REQUEST</td><td>A900 Data Set does not match SOP Class</td><td>A900 Identifier does not match SOP Class</td><td>A900</td></tr>
 *   <tr><td>CONFLICT</td><td>A900 (as a duplicate with other content)</td><td>C000</td><td>C000</td></tr>
 *   <tr><td>UNAVAILABLE</td><td>A700 Out of Resources</td><td>A700 Out of Resources</td><td>A701 Out of Resources: unable to calculate number of matches</td></tr>
 *   <tr><td>REFUSED</td><td>0124 Not Authorized</td><td>0124</td><td>0124</td></tr>
 *   <tr><td>TOO_LARGE</td><td>A700</td><td>A700</td><td>A701</td></tr>
 *   <tr><td>UNSUPPORTED</td><td>0122 SOP Class not supported</td><td>C000</td><td>C000</td></tr>
 * </table>
 */
final class DimseFailures {

    /** The DIMSE service answering. */
    enum Service { STORE, FIND, RETRIEVE }

    private DimseFailures() {
    }

    /** The status {@code service} answers {@code failure} with. */
    static DicomStatus status(ArchiveException failure, Service service) {
        return switch (failure) {
            case NotFoundException n -> DicomStatus.CANNOT_UNDERSTAND;
            case InvalidRequestException i -> DicomStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS;
            case ConflictException c -> service == Service.STORE ? DicomStatus.DATASET_DOES_NOT_MATCH_SOP_CLASS
                    : DicomStatus.CANNOT_UNDERSTAND;
            case UnavailableException u -> outOfResources(service);
            case RefusedException r -> DicomStatus.NOT_AUTHORIZED;
            case TooLargeException t -> outOfResources(service);
            case UnsupportedException u -> service == Service.STORE ? DicomStatus.SOP_CLASS_NOT_SUPPORTED
                    : DicomStatus.CANNOT_UNDERSTAND;
        };
    }

    /** The exception that makes the toolkit answer {@code failure} with its status and Error Comment. */
    static DicomServiceException of(ArchiveException failure, Service service) {
        return new DicomServiceException(status(failure, service), failure.getMessage(), failure);
    }

    private static DicomStatus outOfResources(Service service) {
        return service == Service.RETRIEVE ? DicomStatus.OUT_OF_RESOURCES_MATCHES : DicomStatus.OUT_OF_RESOURCES;
    }
}
