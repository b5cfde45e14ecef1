package org.vesalius.vna.archive.index.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.vesalius.dicom.data.ElementDictionary;
import org.vesalius.vna.archive.api.query.QueryAttribute;
import org.vesalius.vna.archive.api.query.QueryAttributes;

/**
 * The index template: settings and the explicit, strict mapping of the instance document, built
 * from {@link QueryAttributes} so that every matchable attribute has exactly one field.
 * Changing what this produces means a new {@link #VERSION} (see the README's migration plan).
 */
final class IndexMapping {

    /**
     * The mapping version; the alias points at {@code <prefix>-instances-v<VERSION>}. 2: study and
     * series summary documents beside the instance documents ({@code vna.level}), default codec.
     */
    static final int VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexMapping() {
    }

    /** The body of {@code PUT _index_template/<name>}. */
    static ObjectNode template(ElasticsearchIndexConfig config) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("index_patterns").add(config.alias() + "-v*");
        body.put("priority", 500);
        body.putObject("_meta").put("description", "Vesalius index (one document per SOP instance, one summary per study and series)")
                .put("mappingVersion", VERSION);
        ObjectNode template = body.putObject("template");
        ObjectNode settings = template.putObject("settings");
        settings.put("number_of_shards", config.shards());
        settings.put("number_of_replicas", config.replicas());
        // The default codec: best_compression cost CPU on every write and every fetched source.
        template.set("mappings", mappings());
        return body;
    }

    /** The mappings: strict, every field declared. */
    static ObjectNode mappings() {
        ObjectNode mappings = JSON.createObjectNode();
        mappings.put("dynamic", "strict");
        mappings.putObject("_meta").put("mappingVersion", VERSION);
        ObjectNode props = mappings.putObject("properties");
        for (QueryAttribute a : QueryAttributes.all()) {
            if (a.matchable() && a.matchedVia() == a.tag()) {
                props.set(a.keyword(), field(a));
            }
        }
        ObjectNode vna = props.putObject("vna").putObject("properties");
        vna.set("level", keyword());
        vna.set("patientKey", keyword());
        vna.putObject("receivedAt").put("type", "date");
        vna.set("sourceAeTitle", keyword());
        vna.set("transferSyntaxUid", keyword());
        vna.set("blobKey", keyword());
        vna.putObject("size").put("type", "long");
        vna.set("sha256", keyword());
        vna.putObject("dataset").put("type", "object").put("enabled", false);
        ObjectNode dt = vna.putObject("dt").putObject("properties");
        ElementDictionary dictionary = ElementDictionary.standard();
        for (int[] pair : QueryAttributes.dateTimePairs()) {
            ObjectNode bounds = dt.putObject(dictionary.keywordOf(pair[0])).putObject("properties");
            bounds.putObject("min").put("type", "long");
            bounds.putObject("max").put("type", "long");
        }
        return mappings;
    }

    /** The mapping of the field of {@code a} (nested for a sequence). */
    static ObjectNode field(QueryAttribute a) {
        return switch (a.kind()) {
            case TEXT, UID -> keyword();
            case INTEGER, DATE, TIME, DATE_TIME -> JSON.createObjectNode().put("type", "long");
            case PERSON_NAME -> {
                ObjectNode pn = JSON.createObjectNode();
                ObjectNode p = pn.putObject("properties");
                for (String g : Fields.PN_GROUPS) {
                    p.set(g, keyword());
                }
                p.set(Fields.PN_ANY, keyword());
                yield pn;
            }
            case SEQUENCE -> {
                ObjectNode nested = JSON.createObjectNode().put("type", "nested");
                ObjectNode p = nested.putObject("properties");
                for (QueryAttribute item : a.items()) {
                    p.set(item.keyword(), field(item));
                }
                yield nested;
            }
            case NONE -> throw new IllegalArgumentException(a + " is not indexed");
        };
    }

    static ObjectNode keyword() {
        return JSON.createObjectNode().put("type", "keyword").put("ignore_above", 1024);
    }
}
