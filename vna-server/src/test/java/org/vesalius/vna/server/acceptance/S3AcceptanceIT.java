package org.vesalius.vna.server.acceptance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.testsupport.peers.S3ProxyServer;

/**
 * The same acceptance with the S3 blob store: the server's storage is a bucket of S3Proxy (the
 * real S3 REST API, in this JVM), loaded by STOW-RS.
 */
class S3AcceptanceIT extends ArchiveAcceptance {

    static String prefix;
    static S3ProxyServer s3;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        prefix = configure(registry, "s3");
        s3 = S3ProxyServer.start(Files.createTempDirectory("vna-acceptance-s3-"));
        String bucket = "acceptance";
        try (var client = s3.client(3, List.of())) {
            client.createBucket(b -> b.bucket(bucket));
        }
        registry.add("vna.storage.backend", () -> "s3");
        registry.add("vna.storage.s3.bucket", () -> bucket);
        registry.add("vna.storage.s3.endpoint", () -> s3.endpoint().toString());
        registry.add("vna.storage.s3.region", () -> "us-east-1");
        registry.add("vna.storage.s3.path-style-access", () -> "true");
        registry.add("vna.storage.s3.access-key-id", () -> S3ProxyServer.ACCESS_KEY);
        registry.add("vna.storage.s3.secret-access-key", () -> S3ProxyServer.SECRET_KEY);
        Path spool = Files.createTempDirectory("vna-acceptance-s3-spool-");
        registry.add("vna.storage.s3.spool-directory", spool::toString);
    }

    @AfterAll
    static void stopS3() {
        if (s3 != null) {
            s3.close();
        }
    }

    @Override
    String indexPrefix() {
        return prefix;
    }

    @Override
    Set<String> load(List<Path> files) throws Exception {
        return StowAcceptanceIT.sendByStow(httpPort, files);
    }
}
