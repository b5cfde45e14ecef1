package org.vesalius.vna.archive.retrieve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.ingest.IngestFixture;
import org.vesalius.vna.archive.journal.Journal;

/** Ingest into a temporary filesystem store, and a {@link RetrieveService} over it. */
final class RetrieveFixture implements AutoCloseable {

    final IngestFixture ingest;
    final Journal journal;
    final RetrieveService retrieve;

    RetrieveFixture(Path dir) {
        this(dir, RetrieveSettings.DEFAULT);
    }

    RetrieveFixture(Path dir, RetrieveSettings settings) {
        ingest = new IngestFixture(dir);
        journal = new Journal(ingest.blobs, Clock.systemUTC());
        retrieve = new RetrieveService(ingest.blobs, journal, settings);
    }

    /** Stores a Part 10 file; null when ingest refuses it. */
    ArchivedInstance store(Path file) throws IOException {
        return store(Files.readAllBytes(file));
    }

    ArchivedInstance store(byte[] bytes) {
        IngestResult r = ingest.service.ingest(IngestRequest.part10(IngestSource.stow("test"), new ByteArrayInputStream(bytes), null));
        return r instanceof IngestResult.Stored s ? s.instance() : null;
    }

    @Override
    public void close() {
        retrieve.close();
        ingest.close();
    }
}
