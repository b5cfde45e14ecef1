package org.vesalius.vna.archive.journal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.json.DicomJsonReader;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.vna.archive.api.PatientId;

/**
 * The JSON form of a journal entry, readable without Vesalius:
 *
 * <pre>{@code
 * {"format": "vesalius-journal/1", "kind": "patient-update", "sequence": "20250301100000000-3fa2c1",
 *  "recordedAt": "2025-03-01T10:00:00Z", "patient": {"id": "12345", "issuer": "HOSP_A"},
 *  "source": "HL7:ADT^A08", "reason": "name corrected at registration",
 *  "newValues": {"00100010": {"vr": "PN", "Value": [{"Alphabetic": "Doe^Jane"}]}}}
 * }</pre>
 * {@code newValues} is DICOM JSON (PS3.18 F.2), so text is Unicode whatever the instances'
 * character sets.
 */
final class JournalFormat {

    static final String FORMAT = "vesalius-journal/1";
    static final String PATIENT_UPDATE = "patient-update";

    private static final JsonFactory JSON = new JsonFactory();

    private JournalFormat() {
    }

    static byte[] toJson(JournalEntry e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("kind", PATIENT_UPDATE);
            g.writeStringField("sequence", e.sequence());
            g.writeStringField("recordedAt", e.recordedAt().toString());
            g.writeObjectFieldStart("patient");
            g.writeStringField("id", e.patient().id());
            g.writeStringField("issuer", e.patient().issuer());
            g.writeEndObject();
            g.writeStringField("source", e.source());
            g.writeStringField("reason", e.reason());
            g.writeFieldName("newValues");
            new DicomJsonWriter(g).write(e.newValues());
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // a byte array does not fail
        }
        return out.toByteArray();
    }

    /**
     * Parses an entry.
     *
     * @throws IOException not JSON of this format
     */
    static JournalEntry parse(InputStream in) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, p);
            String format = null;
            String kind = null;
            String sequence = null;
            Instant recordedAt = null;
            PatientId patient = null;
            String source = "";
            String reason = "";
            Dataset newValues = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                switch (field) {
                    case "format" -> format = p.getText();
                    case "kind" -> kind = p.getText();
                    case "sequence" -> sequence = p.getText();
                    case "recordedAt" -> recordedAt = instant(p.getText());
                    case "source" -> source = p.getText();
                    case "reason" -> reason = p.getText();
                    case "patient" -> {
                        expect(t, JsonToken.START_OBJECT, p);
                        patient = patient(p);
                    }
                    case "newValues" -> newValues = new DicomJsonReader().read(p);
                    default -> p.skipChildren();
                }
            }
            if (!FORMAT.equals(format)) {
                throw new IOException("not a journal entry of format " + FORMAT + ": " + format);
            }
            if (!PATIENT_UPDATE.equals(kind)) {
                throw new IOException("unknown kind of journal entry: " + kind);
            }
            if (sequence == null || recordedAt == null || patient == null || newValues == null) {
                throw new IOException("journal entry without sequence, recordedAt, patient or newValues");
            }
            return new JournalEntry(sequence, recordedAt, patient, newValues, reason, source);
        }
    }

    private static PatientId patient(JsonParser p) throws IOException {
        String id = null;
        String issuer = "";
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "id" -> id = p.getText();
                case "issuer" -> issuer = p.getText();
                default -> p.skipChildren();
            }
        }
        if (id == null) {
            throw new IOException("patient without id");
        }
        return new PatientId(id, issuer);
    }

    private static Instant instant(String text) throws IOException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IOException("bad recordedAt " + text, e);
        }
    }

    private static void expect(JsonToken actual, JsonToken expected, JsonParser p) throws IOException {
        if (actual != expected) {
            throw new IOException("expected " + expected + " at " + p.currentLocation() + ", found " + actual);
        }
    }
}
