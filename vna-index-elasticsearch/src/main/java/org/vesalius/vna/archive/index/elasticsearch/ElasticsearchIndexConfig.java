package org.vesalius.vna.archive.index.elasticsearch;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the Elasticsearch index adapter connects and names its index.
 *
 * @param hosts          the nodes, e.g. {@code http://127.0.0.1:9200}; https works with the
 *                       JVM's trust store
 * @param username       basic authentication user, or null for none
 * @param password       its password, or null
 * @param namePrefix     prefix of the alias and index names: {@code vna} gives alias
 *                       {@code vna-instances} on index {@code vna-instances-v1}
 * @param shards         primary shards of a new index
 * @param replicas       replicas of a new index (0 on a single node)
 * @param connectTimeout connection timeout
 * @param requestTimeout how long one request may take before the index counts as unavailable
 * @param refreshOnWrite wait after each write until it is visible to queries ({@code refresh=wait_for},
 *                       up to the index's 1 s refresh interval per write); false lets queries
 *                       see writes within that second. True suits tests and tiny sites
 */
public record ElasticsearchIndexConfig(List<URI> hosts, String username, String password, String namePrefix,
        int shards, int replicas, Duration connectTimeout, Duration requestTimeout, boolean refreshOnWrite) {

    public ElasticsearchIndexConfig {
        hosts = List.copyOf(hosts);
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no Elasticsearch host");
        }
        Objects.requireNonNull(namePrefix, "namePrefix");
        if (!namePrefix.matches("[a-z0-9][a-z0-9_-]{0,60}")) {
            throw new IllegalArgumentException("index name prefix must be lower case letters, digits, '-' or '_': " + namePrefix);
        }
        if (shards < 1 || replicas < 0) {
            throw new IllegalArgumentException("shards must be >= 1 and replicas >= 0");
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("username and password go together");
        }
    }

    /** One node, prefix {@code vna}, one shard, no replica, 2 s to connect, 30 s per request. */
    public static ElasticsearchIndexConfig local(URI host) {
        return new ElasticsearchIndexConfig(List.of(host), null, null, "vna", 1, 0,
                Duration.ofSeconds(2), Duration.ofSeconds(30), false);
    }

    /** This configuration with another name prefix. */
    public ElasticsearchIndexConfig withNamePrefix(String prefix) {
        return new ElasticsearchIndexConfig(hosts, username, password, prefix, shards, replicas,
                connectTimeout, requestTimeout, refreshOnWrite);
    }

    /** This configuration with {@link #refreshOnWrite()} set. */
    public ElasticsearchIndexConfig withRefreshOnWrite(boolean refresh) {
        return new ElasticsearchIndexConfig(hosts, username, password, namePrefix, shards, replicas,
                connectTimeout, requestTimeout, refresh);
    }

    /** This configuration with other timeouts. */
    public ElasticsearchIndexConfig withTimeouts(Duration connect, Duration request) {
        return new ElasticsearchIndexConfig(hosts, username, password, namePrefix, shards, replicas,
                connect, request, refreshOnWrite);
    }

    /** The alias every read and write goes through. */
    public String alias() {
        return namePrefix + "-instances";
    }

    /** The index of mapping version {@code version} behind the alias. */
    public String indexName(int version) {
        return alias() + "-v" + version;
    }

    /** The index template that gives every {@code <alias>-v*} index its settings and mapping. */
    public String templateName() {
        return alias() + "-template";
    }

    @Override
    public String toString() {
        return "ElasticsearchIndexConfig[hosts=" + hosts + ", user=" + username + ", password="
                + (password == null ? "none" : "***") + ", prefix=" + namePrefix + ", shards=" + shards
                + ", replicas=" + replicas + ", connectTimeout=" + connectTimeout + ", requestTimeout="
                + requestTimeout + ", refreshOnWrite=" + refreshOnWrite + "]";
    }
}
