package org.vesalius.vna.archive.index.elasticsearch;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.ResponseException;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.index.IndexUnavailableException;

/**
 * Creates the index template, the versioned index and its alias when they are missing, and
 * checks that the alias points at the mapping version this code writes. Plain JSON over the
 * low-level client: the template is JSON already.
 */
final class IndexAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(IndexAdmin.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Rest5Client rest;
    private final ElasticsearchIndexConfig config;

    IndexAdmin(Rest5Client rest, ElasticsearchIndexConfig config) {
        this.rest = rest;
        this.config = config;
    }

    /**
     * Makes sure the alias exists and points at {@code <alias>-v<VERSION>}.
     *
     * @throws IndexUnavailableException when Elasticsearch cannot be reached, or the alias
     *         points at an index of another mapping version (which needs {@code vna reindex})
     */
    void ensureIndex() {
        String alias = config.alias();
        String expected = config.indexName(IndexMapping.VERSION);
        EsFailures.call("create the index", () -> {
            putTemplate();
            String current = aliasTarget(alias);
            if (current == null) {
                String body = "{\"aliases\":{\"" + alias + "\":{\"is_write_index\":true}}}";
                try {
                    put("/" + expected, body);
                    LOG.info("Created index {} behind alias {}", expected, alias);
                } catch (ResponseException e) {
                    if (e.getResponse().getStatusCode() != 400 || !e.getMessage().contains("resource_already_exists")) {
                        throw e;
                    }
                }
                current = aliasTarget(alias);
            }
            if (!isVersion(current, IndexMapping.VERSION)) {
                throw new IndexUnavailableException("alias " + alias + " points at " + current + ", but this version of the"
                        + " archive writes mapping version " + IndexMapping.VERSION + " (" + expected
                        + "): rebuild the index with vna reindex (see vna-archive/README.md)", null);
            }
            return null;
        });
    }

    /**
     * Whether {@code index} holds mapping version {@code version}: {@code <alias>-v<version>} as
     * first created, or {@code <alias>-v<version>-<stamp>} as built by a reindex.
     */
    boolean isVersion(String index, int version) {
        String name = config.indexName(version);
        return index != null && (index.equals(name) || index.startsWith(name + "-"));
    }

    /** Puts the template that gives every {@code <alias>-v*} index its settings and mapping. */
    void putTemplate() throws IOException {
        put("/_index_template/" + config.templateName(), IndexMapping.template(config).toString());
    }

    /** Makes recent writes visible to queries now. */
    void refresh() {
        EsFailures.call("refresh the index", () -> rest.performRequest(new Request("POST", "/" + config.alias() + "/_refresh")));
    }

    /** Deletes the index behind the alias, and the template (tests and {@code vna reindex}). */
    void deleteAll() {
        EsFailures.call("delete the index", () -> {
            String current = aliasTarget(config.alias());
            if (current != null) {
                rest.performRequest(new Request("DELETE", "/" + current));
            }
            try {
                rest.performRequest(new Request("DELETE", "/_index_template/" + config.templateName()));
            } catch (ResponseException e) {
                if (e.getResponse().getStatusCode() != 404) {
                    throw e;
                }
            }
            return null;
        });
    }

    void put(String endpoint, String json) throws IOException {
        send("PUT", endpoint, json);
    }

    /** Sends a request with a JSON body (null: none); fails on any status but 2xx. */
    Response send(String method, String endpoint, String json) throws IOException {
        Request request = new Request(method, endpoint);
        if (json != null) {
            request.setJsonEntity(json);
        }
        return rest.performRequest(request);
    }

    /** Deletes an index; true if it was there. */
    boolean deleteIndex(String index) throws IOException {
        try {
            rest.performRequest(new Request("DELETE", "/" + index));
            return true;
        } catch (ResponseException e) {
            if (e.getResponse().getStatusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** The one index the alias points at, or null when there is no alias. */
    String aliasTarget(String alias) throws IOException {
        Response response;
        try {
            response = rest.performRequest(new Request("GET", "/_alias/" + alias));
        } catch (ResponseException e) {
            if (e.getResponse().getStatusCode() == 404) {
                return null;
            }
            throw e;
        }
        if (response.getStatusCode() == 404) {
            return null;
        }
        JsonNode body;
        try {
            body = JSON.readTree(EntityUtils.toString(response.getEntity()));
        } catch (ParseException e) {
            throw new IOException("unreadable alias response", e);
        }
        Iterator<String> names = body.fieldNames();
        String first = names.hasNext() ? names.next() : null;
        if (names.hasNext()) {
            throw new IndexUnavailableException("alias " + alias + " points at several indices: " + body, null);
        }
        return first;
    }
}
