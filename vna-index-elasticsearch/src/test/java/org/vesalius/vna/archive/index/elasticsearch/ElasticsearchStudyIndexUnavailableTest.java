package org.vesalius.vna.archive.index.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.vesalius.vna.archive.api.query.QidoQueryParser;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.index.IndexUnavailableException;
import org.vesalius.vna.archive.query.QueryFeature;

/** With nothing listening, every call fails at once with IndexUnavailableException (no ES needed). */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // hang guard only
class ElasticsearchStudyIndexUnavailableTest {

    private ElasticsearchStudyIndex index;

    @BeforeEach
    void pointAtAClosedPort() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        index = new ElasticsearchStudyIndex(ElasticsearchIndexConfig.local(URI.create("http://127.0.0.1:" + port))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)));
    }

    @AfterEach
    void close() {
        index.close();
    }

    @Test
    void every_method_throws_index_unavailable() {
        GeneratedArchive data = GeneratedArchive.generate(1, 30);
        assertThat(index.isAvailable()).isFalse();
        assertThatThrownBy(() -> index.index(data.instances())).isInstanceOf(IndexUnavailableException.class)
                .hasMessageContaining("unreachable");
        assertThatThrownBy(() -> index.remove(List.of(GeneratedArchive.ref(data.rows().get(0)))))
                .isInstanceOf(IndexUnavailableException.class);
        assertThatThrownBy(() -> QueryFeature.create(index, 100).query(QidoQueryParser.parse(QueryLevel.STUDY, Map.of())))
                .isInstanceOf(IndexUnavailableException.class);
        assertThatThrownBy(index::ensureIndex).isInstanceOf(IndexUnavailableException.class);
        assertThatThrownBy(index::refresh).isInstanceOf(IndexUnavailableException.class);
        assertThatThrownBy(index::deleteIndex).isInstanceOf(IndexUnavailableException.class);
    }

    @Test
    void empty_writes_need_no_index() {
        index.index(List.of());
        index.remove(List.of());
    }
}
