package org.vesalius.vna.archive.index.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.vesalius.vna.archive.api.query.QueryAttribute;
import org.vesalius.vna.archive.api.query.QueryAttributes;

class IndexMappingTest {

    @Test
    void strict_mapping_with_one_field_per_matchable_attribute() {
        ObjectNode mappings = IndexMapping.mappings();
        assertThat(mappings.path("dynamic").asText()).isEqualTo("strict");
        JsonNode props = mappings.path("properties");
        for (QueryAttribute a : QueryAttributes.all()) {
            boolean ownField = a.matchable() && a.matchedVia() == a.tag();
            assertThat(props.has(a.keyword())).as(a.keyword()).isEqualTo(ownField);
        }
        assertThat(props.path("PatientName").path("properties").has("any")).isTrue();
        assertThat(props.path("RequestAttributesSequence").path("type").asText()).isEqualTo("nested");
        assertThat(props.path("vna").path("properties").path("dataset").path("enabled").asBoolean(true)).isFalse();
    }

    @Test
    void the_template_covers_every_version_of_the_index() {
        ElasticsearchIndexConfig config = ElasticsearchIndexConfig.local(URI.create("http://127.0.0.1:9200"));
        ObjectNode template = IndexMapping.template(config);
        assertThat(template.path("index_patterns").path(0).asText()).isEqualTo("vna-instances-v*");
        assertThat(config.indexName(IndexMapping.VERSION)).isEqualTo("vna-instances-v2");
        assertThat(config.alias()).isEqualTo("vna-instances");
        Iterator<String> settings = template.path("template").path("settings").fieldNames();
        assertThat(settings).toIterable().contains("number_of_shards", "number_of_replicas");
    }

    @Test
    void documents_only_use_mapped_fields() {
        ObjectNode doc = InstanceDocuments.of(GeneratedArchive.toInstance(GeneratedArchive.generate(3, 30).rows().get(0)));
        JsonNode props = IndexMapping.mappings().path("properties");
        doc.fieldNames().forEachRemaining(f -> assertThat(props.has(f)).as(f).isTrue());
        assertThat(doc.path("vna").path("dataset").has("00291010")).as("bulk data left out").isFalse();
        assertThat(doc.path("vna").path("dataset").has("00100010")).isTrue();
    }
}
