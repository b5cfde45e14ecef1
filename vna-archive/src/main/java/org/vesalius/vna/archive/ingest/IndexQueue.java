package org.vesalius.vna.archive.ingest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.ingest.log.IngestLog;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.StorageUnavailableException;

/**
 * What waits for the index, as health, status and metrics count it: the records of the node's
 * {@link IngestLog} not yet indexed, plus the markers earlier versions wrote into the blob store,
 * one small JSON document per instance, {@code index-queue/{millis}-{sop}.json}, which
 * {@link IndexCatchUp} still drains (once; ingest no longer writes them). A marker names the
 * instance, not a version: whoever drains it indexes the instance's current version. Also where
 * refusals of the index are recorded ({@link #REFUSED_PREFIX}).
 *
 * <pre>{@code {"study": "1.2.3", "series": "1.2.3.4", "sop": "1.2.3.4.5", "source": "DIMSE:CT1", "queuedAt": "…"}}</pre>
 */
public final class IndexQueue {

    /** Where markers of earlier versions live. */
    public static final String PREFIX = "index-queue/";
    /**
     * Where instances the index refused for reasons of their own ({@code IndexWriteException}: a
     * value its mapping cannot take) are recorded, with the reason: retrying cannot help, so they
     * are not queued; {@code vna verify} and operators find them here.
     */
    public static final String REFUSED_PREFIX = "index-refused/";

    private static final JsonFactory JSON = new JsonFactory();

    /** A queued instance. */
    public record Entry(BlobKey key, InstanceRef ref, String source, Instant queuedAt) {
    }

    private final BlobStore blobs;
    private final IngestLog log;

    /** The markers and refusals of {@code blobs} alone (maintenance, tests). */
    public IndexQueue(BlobStore blobs) {
        this(blobs, null);
    }

    /** @param log the node's ingest log, whose unindexed records count as queued; null for none */
    public IndexQueue(BlobStore blobs, IngestLog log) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.log = log;
    }

    /**
     * Writes a marker for {@code ref}, as versions before the ingest log did (tests of the upgrade path).
     *
     * @return the marker's key
     * @throws StorageUnavailableException the marker could not be written
     */
    public BlobKey add(InstanceRef ref, String source, Instant at) {
        BlobKey key = key(PREFIX, ref, at);
        blobs.put(key, new ByteArrayInputStream(toJson(ref, source, at, null)));
        return key;
    }

    /**
     * Records durably that the index refused {@code ref} for {@code reason}.
     *
     * @throws StorageUnavailableException the record could not be written
     */
    public void refused(InstanceRef ref, String source, String reason, Instant at) {
        blobs.put(key(REFUSED_PREFIX, ref, at), new ByteArrayInputStream(toJson(ref, source, at, reason)));
    }

    /** Counts refused-instance records, stopping at {@code max}. */
    public long refusedCount(long max) {
        try (Stream<BlobKey> keys = blobs.list(REFUSED_PREFIX)) {
            return keys.limit(max).count();
        }
    }

    private static BlobKey key(String prefix, InstanceRef ref, Instant at) {
        return BlobKey.of(prefix + String.format("%013d", at.toEpochMilli()) + "-" + ref.sopInstanceUid() + ".json");
    }

    /**
     * When a marker was queued, from its key ({@code index-queue/{millis}-{sop}.json}), without
     * reading it; empty for a key of another form.
     */
    public static Optional<Instant> queuedAt(BlobKey marker) {
        String name = marker.fileName();
        int dash = name.indexOf('-');
        if (!marker.value().startsWith(PREFIX) || dash != 13) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(name.substring(0, dash))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The markers, lazily; close the stream. */
    public Stream<BlobKey> keys() {
        return blobs.list(PREFIX).filter(k -> k.value().endsWith(".json"));
    }

    /** Whether anything is queued (one listing step). */
    public boolean isEmpty() {
        if (log != null && log.unindexed() > 0) {
            return false;
        }
        try (Stream<BlobKey> keys = keys()) {
            return keys.findAny().isEmpty();
        }
    }

    /** Counts the log's unindexed records and the markers, stopping at {@code max}. */
    public long count(long max) {
        long inLog = log == null ? 0 : log.unindexed();
        if (inLog >= max) {
            return max;
        }
        try (Stream<BlobKey> keys = keys()) {
            return inLog + keys.limit(max - inLog).count();
        }
    }

    /** The node's ingest log, or null. */
    public IngestLog log() {
        return log;
    }

    /**
     * Reads a marker.
     *
     * @throws UncheckedIOException the marker is not readable
     */
    public Entry read(BlobKey key) {
        try (InputStream in = blobs.open(key); JsonParser p = JSON.createParser(in)) {
            String study = null;
            String series = null;
            String sop = null;
            String source = "";
            Instant queuedAt = null;
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "study" -> study = p.getText();
                    case "series" -> series = p.getText();
                    case "sop" -> sop = p.getText();
                    case "source" -> source = p.getText();
                    case "queuedAt" -> queuedAt = Instant.parse(p.getText());
                    default -> p.skipChildren();
                }
            }
            if (study == null || series == null || sop == null) {
                throw new IOException("study, series or sop missing");
            }
            return new Entry(key, new InstanceRef(study, series, sop), source,
                    queuedAt == null ? Instant.EPOCH : queuedAt);
        } catch (IOException | RuntimeException e) {
            if (e instanceof StorageUnavailableException s) {
                throw s;
            }
            throw new UncheckedIOException("unreadable index queue marker " + key + ": " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    /** Removes a marker once its instance is indexed. */
    public void remove(BlobKey key) {
        blobs.delete(key);
    }

    private static byte[] toJson(InstanceRef ref, String source, Instant at, String reason) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("study", ref.studyInstanceUid());
            g.writeStringField("series", ref.seriesInstanceUid());
            g.writeStringField("sop", ref.sopInstanceUid());
            g.writeStringField("source", source);
            g.writeStringField("queuedAt", at.toString());
            if (reason != null) {
                g.writeStringField("reason", reason);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
