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
import org.vesalius.vna.archive.journal.JournalKeys;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.PutMode;

/**
 * The links between patient records, in the blob store:
 * {@code patient-links/{p}/{kind}-{q}.json} = {@code {"kind": …, "patient": {…}, "other": {…}, "at": …, "source": …}}
 * under the patient it is read for ({@code p}, {@code q}: {@link JournalKeys#digest}). Kinds:
 * {@code replaces} (under a merge's target, naming the prior patient: the way back from the
 * journal's merges, which are filed under the prior) and {@code seealso} (two records of one
 * person that both stay, HL7 A24; filed under each, removed by A37).
 */
final class LinkStore {

    static final String PREFIX = "patient-links/";
    static final String REPLACES = "replaces";
    static final String SEE_ALSO = "seealso";
    private static final JsonFactory JSON = new JsonFactory();

    /** One link as read: its kind and the patient at its other end. */
    record Link(String kind, PatientId other) {
    }

    private final BlobStore blobs;

    LinkStore(BlobStore blobs) {
        this.blobs = blobs;
    }

    /** Files {@code kind} from {@code patient} to {@code other}, durable when this returns. */
    void put(String kind, PatientId patient, PatientId other, Instant at, String source) {
        blobs.put(key(kind, patient, other), new ByteArrayInputStream(json(kind, patient, other, at, source)), PutMode.OVERWRITE);
    }

    /** Removes {@code kind} from {@code patient} to {@code other}; false when there was none. */
    boolean delete(String kind, PatientId patient, PatientId other) {
        return blobs.delete(key(kind, patient, other));
    }

    /** The links filed under {@code patient}. */
    List<Link> of(PatientId patient) {
        return JsonRecords.readAll(blobs, PREFIX + JournalKeys.digest(patient) + "/", "patient link", LinkStore::parse);
    }

    private static BlobKey key(String kind, PatientId patient, PatientId other) {
        return BlobKey.of(PREFIX + JournalKeys.digest(patient) + "/" + kind + "-" + JournalKeys.digest(other) + ".json");
    }

    private static byte[] json(String kind, PatientId patient, PatientId other, Instant at, String source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("kind", kind);
            JsonRecords.writePatient(g, "patient", patient);
            JsonRecords.writePatient(g, "other", other);
            g.writeStringField("at", at.toString());
            g.writeStringField("source", source == null ? "" : source);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Link parse(InputStream in) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            String kind = null;
            PatientId other = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "kind" -> kind = p.getText();
                    case "other" -> other = JsonRecords.readPatient(p);
                    default -> p.skipChildren();
                }
            }
            if (kind == null || other == null) {
                throw new IOException("incomplete patient link");
            }
            return new Link(kind, other);
        }
    }
}
