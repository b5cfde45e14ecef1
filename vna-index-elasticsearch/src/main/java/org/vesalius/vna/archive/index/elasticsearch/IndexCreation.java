package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import java.io.IOException;

/** Creates one of the archive's own small indices (audit, worklist) when it is missing. */
final class IndexCreation {

    private IndexCreation() {
    }

    /**
     * Creates {@code index} with {@code body} (settings and mappings, JSON) unless it exists; another
     * node creating it at the same moment is fine.
     */
    static void createIfMissing(Rest5Client rest, String index, String body) throws IOException {
        // The low-level client answers a HEAD of a missing index with 404, not an exception.
        if (rest.performRequest(new Request("HEAD", "/" + index)).getStatusCode() != 404) {
            return;
        }
        Request create = new Request("PUT", "/" + index);
        create.setJsonEntity(body);
        try {
            rest.performRequest(create);
        } catch (ResponseException raced) {
            if (!raced.getMessage().contains("resource_already_exists_exception")) {
                throw raced;
            }
        }
    }
}
