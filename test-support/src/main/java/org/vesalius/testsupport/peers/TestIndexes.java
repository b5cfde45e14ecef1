package org.vesalius.testsupport.peers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Removes what a test server left in a shared Elasticsearch (the one {@code ./vna test} starts for
 * the whole build): the versioned indices behind {@code PREFIX-instances} and their template.
 * Index names are given in full; Elasticsearch refuses wildcard deletes.
 */
public final class TestIndexes {

    private TestIndexes() {
    }

    /** Deletes the indices (instances, audit) and template of {@code prefix}; quiet when there are none. */
    public static void drop(String elasticsearchUrl, String prefix) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> names = http.send(HttpRequest.newBuilder(
                URI.create(elasticsearchUrl + "/_cat/indices/" + prefix + "-instances-v*?h=index")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (names.statusCode() == 200) {
            for (String index : names.body().split("\\s+")) {
                if (!index.isBlank()) {
                    http.send(HttpRequest.newBuilder(URI.create(elasticsearchUrl + "/" + index)).DELETE().build(),
                            HttpResponse.BodyHandlers.discarding());
                }
            }
        }
        http.send(HttpRequest.newBuilder(URI.create(elasticsearchUrl + "/_index_template/" + prefix + "-instances-template"))
                .DELETE().build(), HttpResponse.BodyHandlers.discarding());
        // The audit trail's index (a server with vna.audit.enabled) and the worklist's; 404 when there is none.
        dropIndex(elasticsearchUrl, prefix + "-audit");
        dropIndex(elasticsearchUrl, prefix + "-worklist");
    }

    /** Deletes the index {@code name} (nothing when there is none). */
    public static void dropIndex(String elasticsearchUrl, String name) throws IOException, InterruptedException {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(elasticsearchUrl + "/" + name)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
