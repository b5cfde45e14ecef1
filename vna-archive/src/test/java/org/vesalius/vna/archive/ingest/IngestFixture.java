package org.vesalius.vna.archive.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.ingest.log.IngestLog;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.fs.FileSystemBlobStore;

/**
 * A filesystem blob store on a temporary directory, an ingest log in a directory of its own (as on
 * a node: never inside the blob store), a fake index, a hand-moved clock, and the ingest parts wired.
 */
public final class IngestFixture implements AutoCloseable {

    final Path root;
    public final BlobStore blobs;
    public final FakeStudyIndex index = new FakeStudyIndex();
    final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    final Path logDirectory;
    final IngestLog log;
    final IndexQueue queue;
    final IndexFeed feed;
    final CoercionRecords records;
    final Journal journal;
    public IngestPort service;
    IngestSettings settings = IngestSettings.DEFAULT;
    List<CoercionRule> rules = List.of();

    public IngestFixture(Path root) {
        this(root, null);
    }

    public IngestFixture(Path root, java.util.function.UnaryOperator<BlobStore> wrap) {
        this.root = root;
        BlobStore fs = new FileSystemBlobStore(root);
        this.blobs = wrap == null ? fs : wrap.apply(fs);
        try {
            this.logDirectory = Files.createTempDirectory("vna-ingest-log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.log = IngestLog.open(IngestLog.Settings.of(logDirectory));
        this.queue = new IndexQueue(blobs, log);
        this.feed = new IndexFeed(index, queue, log, clock, Duration.ofSeconds(30));
        this.records = new CoercionRecords(blobs);
        this.journal = new Journal(blobs, clock);
        rebuild();
    }

    public IngestFixture with(IngestSettings s) {
        this.settings = s;
        return rebuild();
    }

    public IngestFixture with(CoercionRule... r) {
        this.rules = List.of(r);
        return rebuild();
    }

    IngestFixture rebuild() {
        service = IngestFeature.create(blobs, journal, feed, rules, settings, clock);
        return this;
    }

    InstanceLoader loader() {
        return new InstanceLoader(blobs, records, settings.maxHeaderBytes(), journal);
    }

    IndexCatchUp catchUp() {
        return new IndexCatchUp(queue, log, index, loader(), feed, clock);
    }

    IngestResult part10(byte[] bytes) {
        return service.ingest(IngestRequest.part10(IngestSource.stow("client"), new ByteArrayInputStream(bytes), null));
    }

    IngestResult ingest(IngestSource source, InputStream in) {
        return service.ingest(IngestRequest.part10(source, in, null));
    }

    public List<BlobKey> keys() {
        try (Stream<BlobKey> s = blobs.list("")) {
            return s.sorted().toList();
        }
    }

    public byte[] read(BlobKey key) {
        try (InputStream in = blobs.open(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nothing visible in the store and nothing staged: a failed ingest left no trace. */
    public void assertNothingBehind() {
        assertThat(keys()).isEmpty();
        Path staging = root.resolve(".staging");
        if (Files.isDirectory(staging)) {
            try (Stream<Path> s = Files.list(staging)) {
                assertThat(s.toList()).isEmpty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        feed.close();
        log.close();
        blobs.close();
        try (Stream<Path> s = Files.walk(logDirectory)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
