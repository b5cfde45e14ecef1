package org.vesalius.vna.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.function.Supplier;
import org.vesalius.vna.archive.api.query.InvalidQueryException;
import org.vesalius.vna.archive.index.IndexUnavailableException;

/** The archive's failures in FHIR terms (HAPI turns each into an OperationOutcome). */
final class Failures {

    /** 503: the index cannot answer now (ingest goes on; queries come back when it does). */
    static final class ServiceUnavailable extends BaseServerResponseException {
        private static final long serialVersionUID = 1L;

        ServiceUnavailable(String message) {
            super(503, message);
        }
    }

    private Failures() {
    }

    static <T> T translate(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidQueryException e) {
            throw new InvalidRequestException(e.getMessage());
        } catch (IndexUnavailableException e) {
            throw new ServiceUnavailable("the archive's index is not available: " + e.getMessage());
        }
    }
}
