package org.vesalius.vna.archive.maintenance;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.s3.S3BlobStore;
import org.vesalius.vna.archive.storage.s3.S3ProxyServer;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Reindex and verify on the S3 blob store, against S3Proxy in this JVM (the same tests as the
 * filesystem adapter). A flipped byte is flipped in S3Proxy's own files, below the S3 API, as
 * bit rot on a storage server would be.
 */
class S3MaintenanceIT extends MaintenanceContract {

    private static final String BUCKET = "vna-maintenance";

    private final AtomicInteger stores = new AtomicInteger();
    private final Map<BlobStore, String> prefixes = new ConcurrentHashMap<>();
    private Path dir;
    private S3ProxyServer server;

    @Override
    protected BlobStore newStore() throws Exception {
        if (server == null) {
            dir = Files.createTempDirectory("vna-maintenance-s3-");
            Files.createDirectories(dir.resolve("proxy"));
            server = S3ProxyServer.start(dir.resolve("proxy"));
            try (S3Client raw = server.client(3, List.of())) {
                raw.createBucket(b -> b.bucket(BUCKET));
            }
        }
        String prefix = "store-" + stores.incrementAndGet();
        S3BlobStore store = S3BlobStore.create(server.config(BUCKET).prefix(prefix).spoolDirectory(dir).build());
        store.checkBucket();
        prefixes.put(store, prefix);
        return store;
    }

    @Override
    protected void flipByte(BlobStore store, BlobKey key, long offset) throws Exception {
        Path file;
        try (Stream<Path> files = Files.walk(dir.resolve("proxy"))) {
            String object = "/" + prefixes.get(store) + "/" + key.value();
            file = files.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(object)).findFirst()
                    .orElseThrow(() -> new AssertionError("S3Proxy keeps no file for " + key));
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x01);
        }
    }

    @AfterAll
    void stopTheServer() throws Exception {
        if (server != null) {
            server.close();
        }
        Trees.delete(dir);
    }
}
