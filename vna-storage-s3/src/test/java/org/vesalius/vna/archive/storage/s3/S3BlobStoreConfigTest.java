package org.vesalius.vna.archive.storage.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class S3BlobStoreConfigTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void defaults() {
        S3BlobStoreConfig config = S3BlobStoreConfig.builder("archive").build();

        assertThat(config.prefix()).isEmpty();
        assertThat(config.endpoint()).isNull();
        assertThat(config.region()).isEqualTo("us-east-1");
        assertThat(config.pathStyleAccess()).isFalse();
        assertThat(config.accessKeyId()).isNull();
        assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.socketTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.maxAttempts()).isEqualTo(3);
        assertThat(config.multipartThreshold()).isEqualTo(16 * MIB);
        assertThat(config.partSize()).isEqualTo(16 * MIB);
        assertThat(config.spoolDirectory()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
        assertThat(config.integrityChecksums()).isTrue();
    }

    @Test
    void allNullComponentsMeanDefaults() { // as when bound from properties that leave them out
        S3BlobStoreConfig config = new S3BlobStoreConfig("archive", null, null, null, null, null, null, null, null,
                null, null, null, null, null);
        assertThat(config).isEqualTo(S3BlobStoreConfig.builder("archive").build());
    }

    @Test
    void settings() {
        S3BlobStoreConfig config = S3BlobStoreConfig.builder("archive").prefix("vna")
                .endpoint(URI.create("http://127.0.0.1:9000")).region("eu-central-1").pathStyleAccess(true)
                .credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG").maxAttempts(5).partSize(8 * MIB)
                .multipartThreshold(0).integrityChecksums(false).build();

        assertThat(config.prefix()).isEqualTo("vna/");
        assertThat(config.pathStyleAccess()).isTrue();
        assertThat(config.multipartThreshold()).isZero();
        assertThat(config.integrityChecksums()).isFalse();
        assertThat(config.toString()).contains("AKIDEXAMPLE", "secretAccessKey=****").doesNotContain("wJalrXUtnFEMI");
    }

    @Test
    void invalidSettings() {
        assertThatThrownBy(() -> S3BlobStoreConfig.builder(" ").build()).hasMessageContaining("bucket");
        assertThatThrownBy(() -> new S3BlobStoreConfig("b", null, null, null, null, "id", null, null, null, null,
                null, null, null, null)).hasMessageContaining("both");
        assertThatThrownBy(() -> S3BlobStoreConfig.builder("b").partSize(MIB).build()).hasMessageContaining("5 MiB");
        assertThatThrownBy(() -> S3BlobStoreConfig.builder("b").multipartThreshold(6L * 1024 * MIB).build())
                .hasMessageContaining("multipartThreshold");
        assertThatThrownBy(() -> S3BlobStoreConfig.builder("b").maxAttempts(0).build()).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> S3BlobStoreConfig.builder("b").connectTimeout(Duration.ZERO).build())
                .hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> S3BlobStoreConfig.builder("b").prefix("/vna").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void partSizeGrowsForVeryLargeObjects() {
        assertThat(MultipartUpload.partSize(100 * MIB, 16 * MIB)).isEqualTo(16 * MIB);
        assertThat(MultipartUpload.partSize(10_000 * 16 * MIB, 16 * MIB)).isEqualTo(16 * MIB);
        long fiveTib = 5L * 1024 * 1024 * MIB;
        long part = MultipartUpload.partSize(fiveTib, 16 * MIB);
        assertThat(part % MIB).isZero();
        assertThat((fiveTib + part - 1) / part).isLessThanOrEqualTo(MultipartUpload.MAX_PARTS);
        assertThat(part).isEqualTo(525 * MIB);
    }
}
