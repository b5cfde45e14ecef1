package org.vesalius.vna.archive.retrieve;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.journal.JournalEntry;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobNotFoundException;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.InstanceKeys;
import org.vesalius.vna.archive.storage.PutMode;

/**
 * Each instance's metadata document, kept beside its blob as {@code {sop}.metadata.json} once
 * computed, so that a series' metadata is a few hundred small reads rather than a few hundred
 * header parses. The file says what it was computed from: the blob key (a new version makes it
 * stale), whether a coercion record applied, the patient identity and the journal entries
 * applied. A reader checks those against the listing and the journal it sees now; a document that
 * does not match is recomputed and rewritten, so journal entries invalidate it without any step
 * of their own. It is a cache: deleting it loses nothing.
 *
 * <pre>
 * {"format":"vesalius-metadata/1","blob":"studies/…/1.2.3.dcm","coerced":false,"patient":{"id":…,"issuer":…},
 *  "journal":["20250301100000000-3fa2c1"],"system":"VESALIUS","uris":[1234]}
 * {"00080005":{"vr":"CS","Value":["ISO_IR 192"]}, … "7FE00010":{"vr":"OW","BulkDataURI":"studies/…/bulkdata/7FE00010"}}
 * </pre>
 *
 * Writes go to a single background thread with a bounded queue (a cache write never delays a
 * response; when the queue is full the write is dropped and done on a later miss).
 */
final class MetadataCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetadataCache.class);
    private static final String FORMAT = "vesalius-metadata/1";
    private static final String SUFFIX = ".metadata.json";
    private static final JsonFactory JSON = new JsonFactory();

    /** A document read back with what it was computed from. */
    record Cached(String blob, boolean coerced, PatientId patient, List<String> journal, String system, MetadataDocument document) {

        /** True when the document is what {@code entry} would compute now, given the journal entries that apply to its patient. */
        boolean fresh(InstanceListing.Entry entry, List<JournalEntry> applicable, String modifyingSystem) {
            if (!blob.equals(entry.current().value()) || coerced != entry.coerced() || !system.equals(modifyingSystem)
                    || journal.size() != applicable.size()) {
                return false;
            }
            for (int i = 0; i < journal.size(); i++) {
                if (!journal.get(i).equals(applicable.get(i).sequence())) {
                    return false;
                }
            }
            return true;
        }
    }

    private final BlobStore blobs;
    private final boolean enabled;
    private final ThreadPoolExecutor writer;
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();

    MetadataCache(BlobStore blobs, boolean enabled) {
        this.blobs = blobs;
        this.enabled = enabled;
        this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000), r -> {
            Thread t = new Thread(r, "vna-metadata-cache");
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    boolean enabled() {
        return enabled;
    }

    /** Where the document of {@code ref} is kept. */
    static BlobKey keyFor(InstanceRef ref) {
        return BlobKey.of(InstanceKeys.seriesPrefix(ref.studyInstanceUid(), ref.seriesInstanceUid()) + "instances/"
                + ref.sopInstanceUid() + SUFFIX);
    }

    /** The document at {@code key}, or null when it is missing or unreadable (then it is simply recomputed). */
    Cached read(BlobKey key) {
        byte[] bytes;
        try (InputStream in = blobs.open(key)) {
            bytes = in.readAllBytes();
        } catch (BlobNotFoundException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.debug("metadata cache {} unreadable: {}", key, e.toString());
            return null;
        }
        int newline = indexOf(bytes, (byte) '\n');
        if (newline < 0) {
            return null;
        }
        try (JsonParser p = JSON.createParser(bytes, 0, newline)) {
            return parse(p, Arrays.copyOfRange(bytes, newline + 1, bytes.length));
        } catch (IOException | RuntimeException e) {
            LOG.debug("metadata cache {} unreadable: {}", key, e.toString());
            return null;
        }
    }

    /** Keeps {@code document} of {@code instance}, in the background. */
    void save(RetrievableInstance instance, MetadataDocument document) {
        if (!enabled) {
            return;
        }
        byte[] bytes = serialize(instance, document);
        BlobKey key = keyFor(instance.ref());
        pending.incrementAndGet();
        try {
            writer.execute(() -> {
                try {
                    blobs.put(key, new ByteArrayInputStream(bytes), PutMode.OVERWRITE);
                } catch (RuntimeException e) {
                    LOG.debug("metadata cache {} not written: {}", key, e.toString());
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            pending.decrementAndGet(); // shut down: the next miss writes it
        }
    }

    /** Waits until the writes queued so far are done (tests). */
    void awaitWrites() throws InterruptedException {
        while (pending.get() > 0) {
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] serialize(RetrievableInstance instance, MetadataDocument doc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(doc.json.length + 512);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("blob", instance.blob().key().value());
            g.writeBooleanField("coerced", instance.coerced());
            g.writeObjectFieldStart("patient");
            g.writeStringField("id", instance.identity().id());
            g.writeStringField("issuer", instance.identity().issuer());
            g.writeEndObject();
            g.writeArrayFieldStart("journal");
            for (JournalEntry e : instance.journalEntries()) {
                g.writeString(e.sequence());
            }
            g.writeEndArray();
            g.writeStringField("system", instance.modifyingSystem());
            g.writeArrayFieldStart("uris");
            for (int u : doc.uris) {
                g.writeNumber(u);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        out.write('\n');
        out.writeBytes(doc.json);
        return out.toByteArray();
    }

    private static Cached parse(JsonParser p, byte[] json) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new IOException("not an object");
        }
        String format = null;
        String blob = null;
        boolean coerced = false;
        String id = null;
        String issuer = "";
        String system = null;
        List<String> journal = new ArrayList<>();
        int[] uris = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
                case "format" -> format = p.getText();
                case "blob" -> blob = p.getText();
                case "coerced" -> coerced = t == JsonToken.VALUE_TRUE;
                case "system" -> system = p.getText();
                case "patient" -> {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        p.nextToken();
                        if (f.equals("id")) {
                            id = p.getText();
                        } else if (f.equals("issuer")) {
                            issuer = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                }
                case "journal" -> {
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        journal.add(p.getText());
                    }
                }
                case "uris" -> {
                    List<Integer> list = new ArrayList<>();
                    while (p.nextToken() == JsonToken.VALUE_NUMBER_INT) {
                        int u = p.getIntValue();
                        if (u < 0 || u > json.length) {
                            throw new IOException("URI offset out of the document");
                        }
                        list.add(u);
                    }
                    uris = list.stream().mapToInt(Integer::intValue).toArray();
                }
                default -> p.skipChildren();
            }
        }
        if (!FORMAT.equals(format) || blob == null || id == null || system == null || uris == null) {
            throw new IOException("incomplete metadata cache header");
        }
        return new Cached(blob, coerced, new PatientId(id, issuer), List.copyOf(journal), system, new MetadataDocument(json, uris));
    }

    private static int indexOf(byte[] b, byte value) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
