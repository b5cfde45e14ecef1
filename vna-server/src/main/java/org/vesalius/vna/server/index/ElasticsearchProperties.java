package org.vesalius.vna.server.index;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** {@code vna.elasticsearch.*}. @param url the Elasticsearch the index lives in */
@ConfigurationProperties("vna.elasticsearch")
@Validated
public record ElasticsearchProperties(@NotNull @DefaultValue("http://127.0.0.1:9200") URI url) {

    public ElasticsearchProperties {
        if (url != null && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("vna.elasticsearch.url must be an http or https URL: " + url);
        }
    }
}
