package org.vesalius.vna.archive.update;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobNotFoundException;
import org.vesalius.vna.archive.storage.BlobStore;

/** The small JSON records of the update feature in the blob store (markers, links): reading them back, and a patient's identity in them. */
final class JsonRecords {

    private static final Logger LOG = LoggerFactory.getLogger(JsonRecords.class);

    /** Reads one record. */
    @FunctionalInterface
    interface Reader<T> {
        T read(InputStream in) throws IOException;
    }

    private JsonRecords() {
    }

    /**
     * Every record under {@code prefix}, in key order. One removed while listed is skipped; one that
     * cannot be read or parsed is logged ({@code what} names it) and skipped: one damaged record
     * must not stop the work of all the others.
     */
    static <T> List<T> readAll(BlobStore blobs, String prefix, String what, Reader<T> reader) {
        List<BlobKey> keys;
        try (Stream<BlobKey> s = blobs.list(prefix)) {
            keys = s.sorted().toList();
        }
        List<T> out = new ArrayList<>(keys.size());
        for (BlobKey k : keys) {
            try (InputStream in = blobs.open(k)) {
                out.add(reader.read(in));
            } catch (BlobNotFoundException e) {
                // removed meanwhile
            } catch (IOException | UncheckedIOException | java.time.DateTimeException e) {
                LOG.error("unreadable {} {}, skipped (it stays where it is): {}", what, k, e.getMessage());
            }
        }
        return out;
    }

    /** {@code "name": {"id": …, "issuer": …}}. */
    static void writePatient(JsonGenerator g, String name, PatientId patient) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("id", patient.id());
        g.writeStringField("issuer", patient.issuer());
        g.writeEndObject();
    }

    /** The object {@link #writePatient} wrote, its start already read. */
    static PatientId readPatient(JsonParser p) throws IOException {
        String id = "";
        String issuer = "";
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
        return new PatientId(id, issuer);
    }
}
