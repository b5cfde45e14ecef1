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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.json.DicomJsonReader;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.vna.archive.api.ingest.Coercion;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobNotFoundException;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.PutMode;
import org.vesalius.vna.archive.storage.PutResult;
import org.vesalius.vna.archive.storage.StorageUnavailableException;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * The durable record of the coercions made to an instance on ingest, a small JSON document beside
 * the blob: {@code .../instances/{sop}.dcm} has {@code .../instances/{sop}.coercions.json}. The
 * blob keeps the bytes exactly as received; whoever reads the header (the index, reindex, the
 * catch-up of the index queue, retrieval) applies the record. Written once (the first record of
 * an instance wins, so a re-send from another sender does not rewrite history), before the
 * ingest is acknowledged. Format:
 *
 * <pre>{@code
 * {"format": "vesalius-coercions/1",
 *  "instance": "studies/…/instances/1.2.3.dcm", "sha256": "…",
 *  "source": "DIMSE:MODALITY1", "recordedAt": "2025-01-01T12:00:00Z",
 *  "coercions": [{"rule": "default-issuer-of-patient-id", "reason": "…",
 *                 "newValues": {"00100021": {"vr": "LO", "Value": ["HOSP_A"]}},
 *                 "originalValues": {"00100021": {"vr": "LO"}}}]}
 * }</pre>
 * {@code newValues} and {@code originalValues} are DICOM JSON (PS3.18 F.2); the original values
 * are what retrieval puts into the Original Attributes Sequence (0400,0561).
 */
public final class CoercionRecords {

    /** The format name written in each record. */
    public static final String FORMAT = "vesalius-coercions/1";

    private static final JsonFactory JSON = new JsonFactory();
    private static final String SUFFIX = ".coercions.json";

    private final BlobStore blobs;

    public CoercionRecords(BlobStore blobs) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    /** The key of the record of the instance stored at {@code instance} (a {@code .dcm} key). */
    public static BlobKey keyFor(BlobKey instance) {
        String v = instance.value();
        if (!v.endsWith(".dcm")) {
            throw new IllegalArgumentException("not an instance key: " + instance);
        }
        return BlobKey.of(v.substring(0, v.length() - 4) + SUFFIX);
    }

    /**
     * Records {@code coercions} of the instance {@code blob}, unless a record is there already.
     *
     * @return the coercions in effect: these, or those of the record found
     * @throws StorageUnavailableException the record could not be written
     */
    List<Coercion> record(StoredObject blob, IngestSource source, Instant at, List<Coercion> coercions) {
        byte[] json = toJson(blob, source, at, coercions);
        PutResult result = blobs.put(keyFor(blob.key()), new ByteArrayInputStream(json), PutMode.IF_ABSENT);
        if (result instanceof PutResult.Existing existing && !existing.sameContent()) {
            return read(blob.key());
        }
        return coercions;
    }

    /**
     * The coercions recorded for the instance stored at {@code instance}; empty when none.
     *
     * @throws StorageUnavailableException the store failed
     * @throws UncheckedIOException        the record is not readable JSON of this format
     */
    public List<Coercion> read(BlobKey instance) {
        BlobKey key = keyFor(instance);
        if (blobs.stat(key).isEmpty()) {
            return List.of();
        }
        try (InputStream in = blobs.open(key); JsonParser p = JSON.createParser(in)) {
            return parse(p);
        } catch (BlobNotFoundException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable coercion record " + key + ": " + e.getMessage(), e);
        }
    }

    static byte[] toJson(StoredObject blob, IngestSource source, Instant at, List<Coercion> coercions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("instance", blob.key().value());
            if (blob.sha256Hex() != null) {
                g.writeStringField("sha256", blob.sha256Hex());
            }
            g.writeStringField("source", source.toString());
            g.writeStringField("recordedAt", at.toString());
            g.writeArrayFieldStart("coercions");
            for (Coercion c : coercions) {
                g.writeStartObject();
                g.writeStringField("rule", c.rule());
                g.writeStringField("reason", c.reason());
                g.writeFieldName("newValues");
                new DicomJsonWriter(g).write(c.newValues());
                g.writeFieldName("originalValues");
                new DicomJsonWriter(g).write(c.originalValues());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    private static List<Coercion> parse(JsonParser p) throws IOException {
        List<Coercion> out = new ArrayList<>();
        expect(p.nextToken(), JsonToken.START_OBJECT, p);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("format") && !FORMAT.equals(p.getText())) {
                throw new IOException("unknown format " + p.getText());
            }
            if (field.equals("coercions")) {
                expect(t, JsonToken.START_ARRAY, p);
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    out.add(parseCoercion(p));
                }
            } else {
                p.skipChildren();
            }
        }
        return out;
    }

    private static Coercion parseCoercion(JsonParser p) throws IOException {
        String rule = null;
        String reason = "";
        Dataset newValues = null;
        Dataset originalValues = new Dataset();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "rule" -> rule = p.getText();
                case "reason" -> reason = p.getText();
                case "newValues" -> newValues = new DicomJsonReader().read(p);
                case "originalValues" -> originalValues = new DicomJsonReader().read(p);
                default -> p.skipChildren();
            }
        }
        if (rule == null || newValues == null) {
            throw new IOException("coercion without rule or newValues");
        }
        return new Coercion(rule, reason, newValues, originalValues);
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser p) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " at " + p.currentLocation() + ", found " + actual);
        }
    }
}
