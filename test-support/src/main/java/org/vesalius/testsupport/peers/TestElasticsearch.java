package org.vesalius.testsupport.peers;

import org.vesalius.testsupport.Prerequisites;

/**
 * The Elasticsearch a test may use: the base URL in the {@code vna.test.elasticsearch.url} system
 * property (or the {@code VNA_TEST_ELASTICSEARCH_URL} environment variable). {@code ./vna test} starts a throw-away one for the modules that declare
 * {@code <vna.test.needs-elasticsearch>true</vna.test.needs-elasticsearch>} and passes its URL;
 * for a narrow build, start one with {@code ./vna es-instance start DIR PORT} and pass the URL.
 */
public final class TestElasticsearch {

    /** The system property that carries the URL. */
    public static final String PROPERTY = "vna.test.elasticsearch.url";

    private TestElasticsearch() {
    }

    /** The environment variable read when the property is not set. */
    public static final String VARIABLE = "VNA_TEST_ELASTICSEARCH_URL";

    /** The base URL without a trailing slash, or empty when none was given. */
    public static String url() {
        String url = System.getProperty(PROPERTY, "").strip();
        if (url.isEmpty()) {
            url = System.getenv().getOrDefault(VARIABLE, "").strip();
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** True when a URL was given. */
    public static boolean configured() {
        return !url().isEmpty();
    }

    /**
     * The base URL; the calling test is skipped without one, or failed under CI
     * ({@link Prerequisites}).
     */
    public static String require() {
        String url = url();
        Prerequisites.require("a test Elasticsearch", !url.isEmpty(),
                "set -D" + PROPERTY + "; ./vna test starts one");
        return url;
    }
}
