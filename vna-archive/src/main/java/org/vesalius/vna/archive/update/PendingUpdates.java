package org.vesalius.vna.archive.update;

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
import java.util.List;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.PutMode;

/**
 * Durable markers of patients whose index work is not finished:
 * {@code update-pending/{sequence}.json} =
 * {@code {"sequence": …, "patient": {"id": …, "issuer": …}, "recordedAt": …}}, named after the
 * journal entry that found the patient without one (later entries of the patient share it). In the
 * blob store, like the journal, so that any node finishes what another began. Older markers
 * also list {@code "studies"} done; the list is ignored (the whole patient is done again).
 */
final class PendingUpdates {

    static final String PREFIX = "update-pending/";
    private static final JsonFactory JSON = new JsonFactory();

    /** One marker. */
    record Pending(String sequence, PatientId patient, Instant recordedAt) {
    }

    private final BlobStore blobs;

    PendingUpdates(BlobStore blobs) {
        this.blobs = blobs;
    }

    void write(Pending p) {
        blobs.put(key(p.sequence()), new ByteArrayInputStream(toJson(p)), PutMode.OVERWRITE);
    }

    void delete(String sequence) {
        blobs.delete(key(sequence));
    }

    /** Every readable marker, oldest entry first (an unreadable one is logged and stays, for an operator). */
    List<Pending> all() {
        return JsonRecords.readAll(blobs, PREFIX, "update marker", PendingUpdates::parse);
    }

    private static BlobKey key(String sequence) {
        return BlobKey.of(PREFIX + sequence + ".json");
    }

    private static byte[] toJson(Pending p) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("sequence", p.sequence());
            JsonRecords.writePatient(g, "patient", p.patient());
            g.writeStringField("recordedAt", p.recordedAt().toString());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Pending parse(InputStream in) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            String sequence = null;
            PatientId patient = null;
            Instant at = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "sequence" -> sequence = p.getText();
                    case "recordedAt" -> at = Instant.parse(p.getText());
                    case "patient" -> patient = JsonRecords.readPatient(p);
                    default -> p.skipChildren();
                }
            }
            if (sequence == null || patient == null || patient.id().isEmpty() || at == null) {
                throw new IOException("incomplete update marker");
            }
            return new Pending(sequence, patient, at);
        }
    }
}
