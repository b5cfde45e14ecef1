package org.vesalius.vna.archive.maintenance;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.fs.FileSystemBlobStore;

/** Reindex and verify on the filesystem blob store. */
class FileSystemMaintenanceIT extends MaintenanceContract {

    private final AtomicInteger stores = new AtomicInteger();
    private Path dir;

    @Override
    protected BlobStore newStore() throws Exception {
        if (dir == null) {
            dir = Files.createTempDirectory("vna-maintenance-fs-");
        }
        return new FileSystemBlobStore(dir.resolve("store-" + stores.incrementAndGet()));
    }

    @Override
    protected void flipByte(BlobStore store, BlobKey key, long offset) throws Exception {
        Path file = ((FileSystemBlobStore) store).root().resolve(key.value());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x01);
        }
    }

    @AfterAll
    void removeTheStores() throws Exception {
        Trees.delete(dir);
    }
}
