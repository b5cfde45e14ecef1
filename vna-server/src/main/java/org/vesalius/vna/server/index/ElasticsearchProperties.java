package org.vesalius.vna.server.index;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchIndexConfig;

/**
 * {@code vna.elasticsearch.*}: where the index lives.
 *
 * @param url            the Elasticsearch node
 * @param indexPrefix    prefix of the alias and index names ({@code vna}: alias {@code vna-instances})
 * @param username       basic authentication user, or empty
 * @param password       its password, or empty
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout longest a request may take before the index counts as unavailable (and
 *                       ingest queues)
 */
@ConfigurationProperties("vna.elasticsearch")
@Validated
public record ElasticsearchProperties(
        @NotNull @DefaultValue("http://127.0.0.1:9200") URI url,
        @NotNull @DefaultValue("vna") String indexPrefix,
        String username,
        String password,
        @NotNull @DefaultValue("2s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration requestTimeout) {

    public ElasticsearchProperties {
        if (url != null && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("vna.elasticsearch.url must be an http or https URL: " + url);
        }
        username = username == null || username.isEmpty() ? null : username;
        password = password == null || password.isEmpty() ? null : password;
    }

    /** The adapter's configuration (validated by it: prefix syntax, user and password together). */
    public ElasticsearchIndexConfig toConfig() {
        ElasticsearchIndexConfig local = ElasticsearchIndexConfig.local(url);
        return new ElasticsearchIndexConfig(local.hosts(), username, password, indexPrefix, local.shards(), local.replicas(),
                connectTimeout, requestTimeout, false);
    }

    @Override
    public String toString() {
        return "Elasticsearch[url=" + url + ", indexPrefix=" + indexPrefix + ", user=" + username + "]";
    }
}
