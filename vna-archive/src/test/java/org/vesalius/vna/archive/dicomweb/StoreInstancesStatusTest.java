package org.vesalius.vna.archive.dicomweb;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.ObjectIds;

/** The HTTP status of a Store Instances Response when nothing was stored. */
class StoreInstancesStatusTest {

    static final IngestResult BUSY = new IngestResult.StorageUnavailable(ObjectIds.UNKNOWN,
            "out of resources: other large headers hold the header memory budget; retry later");
    static final IngestResult BAD = new IngestResult.InvalidObject(ObjectIds.UNKNOWN, IngestResult.Problem.HEADER_TOO_LARGE,
            "the header has more than 1000000 sequence items (vna.ingest.max-header-items)", -1);

    static int status(IngestResult... results) {
        StoreInstancesResponse r = new StoreInstancesResponse("http://archive.example/dicomweb", null, "VESALIUS");
        for (IngestResult result : results) {
            r.add(result);
        }
        return r.httpStatus();
    }

    @Test
    void everyPartOutOfResourcesIs503SoTheClientRetries() {
        assertThat(status(BUSY)).isEqualTo(503);
        assertThat(status(BUSY, BUSY)).isEqualTo(503);
    }

    @Test
    void anyOtherFailureAmongThemIs409() {
        assertThat(status(BAD)).isEqualTo(409);
        assertThat(status(BUSY, BAD)).isEqualTo(409);
    }
}
