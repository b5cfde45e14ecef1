package org.vesalius.vna.archive.worklist;

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
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.json.DicomJsonReader;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.vna.archive.api.worklist.OrderStatus;
import org.vesalius.vna.archive.api.worklist.WorklistItem;

/**
 * The JSON form of a worklist item in the blob store, readable without Vesalius:
 *
 * <pre>{@code
 * {"format": "vesalius-worklist/1", "id": "6f1c...", "status": "SCHEDULED",
 *  "updatedAt": "2026-12-07T10:00:00Z", "source": "HL7 ORM^O01 from RIS MSH-10 123",
 *  "attributes": {"00100020": {"vr": "LO", "Value": ["12345"]}, ...}}
 * }</pre>
 * {@code attributes} is DICOM JSON (PS3.18 F.2).
 */
final class WorklistFormat {

    static final String FORMAT = "vesalius-worklist/1";

    private static final JsonFactory JSON = new JsonFactory();

    private WorklistFormat() {
    }

    static byte[] toJson(WorklistItem item) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("id", item.id());
            g.writeStringField("status", item.status().name());
            g.writeStringField("updatedAt", item.updatedAt().toString());
            g.writeStringField("source", item.source());
            g.writeFieldName("attributes");
            new DicomJsonWriter(g).write(item.attributes());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return out.toByteArray();
    }

    /**
     * Reads an item.
     *
     * @throws IOException not JSON of this format
     */
    static WorklistItem parse(InputStream in) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a worklist item: no JSON object");
            }
            String format = null;
            String id = null;
            OrderStatus status = null;
            Instant updatedAt = null;
            String source = "";
            Dataset attributes = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                switch (name) {
                    case "format" -> format = p.getValueAsString();
                    case "id" -> id = p.getValueAsString();
                    case "status" -> status = OrderStatus.valueOf(p.getValueAsString());
                    case "updatedAt" -> updatedAt = Instant.parse(p.getValueAsString());
                    case "source" -> source = p.getValueAsString();
                    case "attributes" -> attributes = new DicomJsonReader().read(p);
                    default -> p.skipChildren();
                }
            }
            if (!FORMAT.equals(format) || id == null || status == null || updatedAt == null || attributes == null) {
                throw new IOException("not a " + FORMAT + " document (format " + format + ")");
            }
            return new WorklistItem(id, status, attributes, updatedAt, source);
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new IOException("not a valid " + FORMAT + " document: " + e.getMessage(), e);
        }
    }
}
