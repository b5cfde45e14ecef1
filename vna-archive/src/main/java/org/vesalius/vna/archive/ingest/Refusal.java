package org.vesalius.vna.archive.ingest;

import org.vesalius.vna.archive.api.ingest.IngestResult.InvalidObject;
import org.vesalius.vna.archive.api.ingest.IngestResult.Problem;
import org.vesalius.vna.archive.api.ingest.ObjectIds;

/** Internal: parsing or validation refused the object; carries the result to return. */
final class Refusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient InvalidObject result;

    Refusal(ObjectIds ids, Problem problem, String reason, int tag) {
        super(reason, null, false, false);
        this.result = new InvalidObject(ids, problem, reason, tag);
    }

    InvalidObject result() {
        return result;
    }
}
