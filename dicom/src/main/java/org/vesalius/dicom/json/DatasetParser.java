package org.vesalius.dicom.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/** One run of {@link DicomJsonReader}: parses a data set object into a {@link Dataset}. */
final class DatasetParser {

    private final JsonFactory factory;
    private final BulkDataUriHandler bulkData;
    private final int maxDepth;
    private final ValueParser values = new ValueParser(this);
    private final List<PendingText> pending = new ArrayList<>();
    private final Position position = new Position();
    private JsonParser parser;
    private int currentTag = -1;
    // Set while a buffered "Value" is re-parsed: errors point at where it was in the input.
    private JsonLocation bufferedAt;

    DatasetParser(JsonFactory factory, BulkDataUriHandler bulkData, int maxDepth) {
        this.factory = factory;
        this.bulkData = bulkData;
        this.maxDepth = maxDepth;
    }

    /** Parses the object {@code p} stands on (START_OBJECT) up to its end. */
    Dataset parse(JsonParser p) throws IOException {
        Dataset root = new Dataset();
        readObject(p, root);
        PendingText.encodeAll(root, pending);
        return root;
    }

    private void readObject(JsonParser p, Dataset target) throws IOException {
        parser = p;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String key = p.currentName();
            if (!ValueParser.isTagKey(key)) {
                throw fail("'" + key + "' is not a tag (8 hex digits)");
            }
            currentTag = Tag.parse(key);
            JsonToken v = p.nextToken();
            if (v != JsonToken.START_OBJECT) {
                throw fail("an attribute must be an object, found " + ValueParser.describe(v));
            }
            readAttribute(p, target, currentTag);
        }
    }

    private void readAttribute(JsonParser p, Dataset target, int tag) throws IOException {
        VR vr = null;
        int contents = 0;
        boolean valueDone = false;
        byte[] bufferedValue = null;
        JsonLocation valueAt = null;
        String uri = null;
        byte[] inline = null;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "vr" -> {
                    if (v != JsonToken.VALUE_STRING) {
                        throw fail("vr must be a string, found " + ValueParser.describe(v));
                    }
                    vr = VR.ofName(p.getText());
                    if (vr == null) {
                        throw fail("unknown VR '" + p.getText() + "'");
                    }
                }
                case "Value" -> {
                    contents++;
                    if (v == JsonToken.START_ARRAY) {
                        if (vr != null) {
                            readValue(p, target, tag, vr);
                            valueDone = true;
                        } else {
                            // "vr" comes later: keep the array as text and read it once the VR is known.
                            valueAt = p.currentTokenLocation();
                            bufferedValue = copy(p);
                        }
                    } else if (v != JsonToken.VALUE_NULL) {
                        throw fail("Value must be an array, found " + ValueParser.describe(v));
                    }
                }
                case "BulkDataURI" -> {
                    contents++;
                    uri = string(p, v, name);
                }
                case "InlineBinary" -> {
                    contents++;
                    string(p, v, name);
                    inline = p.getBinaryValue();
                }
                default -> p.skipChildren(); // not defined by PS3.18: ignored
            }
        }
        if (vr == null) {
            throw fail("attribute has no vr");
        }
        if (contents > 1) {
            throw fail("attribute has more than one of Value, BulkDataURI and InlineBinary");
        }
        if (bufferedValue != null) {
            readBuffered(bufferedValue, valueAt, target, tag, vr);
        } else if (uri != null) {
            target.set(tag, vr, bulkValue(tag, vr, uri));
        } else if (inline != null) {
            target.set(tag, vr, tag == Tag.PIXEL_DATA ? encapsulatedOrBytes(inline) : inline);
        } else if (!valueDone) {
            target.set(tag, vr, vr == VR.SQ ? new Sequence(0) : null);
        }
        currentTag = tag;
    }

    private void readValue(JsonParser p, Dataset target, int tag, VR vr) throws IOException {
        switch (vr) {
            case SQ -> readItems(p, target.newSequence(tag, 4), tag);
            case OB, OD, OF, OL, OV, OW, UN ->
                    throw fail("Value is not allowed for " + vr + ": use InlineBinary or BulkDataURI");
            case AT, US, SS, UL, SL, UV, SV, FL, FD -> {
                byte[] bytes = values.numbers(p, vr);
                target.set(tag, vr, bytes.length == 0 ? null : bytes);
            }
            default -> setText(target, tag, vr, values.text(p, vr));
        }
    }

    private void readItems(JsonParser p, Sequence sequence, int tag) throws IOException {
        position.enterSequence(tag);
        if (position.depth() > maxDepth) {
            throw fail("sequences nested deeper than " + maxDepth + " levels");
        }
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            position.nextItem();
            Dataset item = sequence.addItem();
            if (t == JsonToken.START_OBJECT) {
                readObject(p, item);
            } else if (t != JsonToken.VALUE_NULL) {
                throw fail("a sequence item must be an object, found " + ValueParser.describe(t));
            }
            parser = p;
        }
        position.exitSequence();
        currentTag = tag;
    }

    private void setText(Dataset target, int tag, VR vr, String text) {
        if (text.isEmpty()) {
            target.set(tag, vr, null);
            return;
        }
        if (isAscii(text)) {
            target.set(tag, vr, PendingText.padded(text.getBytes(StandardCharsets.US_ASCII), vr));
        } else {
            // Holds the place (and the tag order) until the character set is settled.
            target.set(tag, vr, new byte[0]);
            pending.add(new PendingText(target, tag, vr, text));
        }
    }

    private Object bulkValue(int tag, VR vr, String uri) throws IOException {
        Object value = bulkData.valueOf(position.pathOf(tag), vr, uri);
        if (value != null && !(value instanceof byte[]) && !(value instanceof BulkDataRef)) {
            throw new IllegalStateException("BulkDataUriHandler returned a " + value.getClass().getName());
        }
        return value;
    }

    private String string(JsonParser p, JsonToken v, String name) throws IOException {
        if (v != JsonToken.VALUE_STRING) {
            throw fail(name + " must be a string, found " + ValueParser.describe(v));
        }
        return p.getText();
    }

    private byte[] copy(JsonParser p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = factory.createGenerator(out)) {
            g.copyCurrentStructure(p);
        }
        return out.toByteArray();
    }

    private void readBuffered(byte[] json, JsonLocation at, Dataset target, int tag, VR vr) throws IOException {
        JsonParser outer = parser;
        JsonLocation outerAt = bufferedAt;
        bufferedAt = outerAt != null ? outerAt : at;
        try (JsonParser p = factory.createParser(json)) {
            p.nextToken();
            readValue(p, target, tag, vr);
        }
        bufferedAt = outerAt;
        parser = outer;
    }

    /** Pixel data given inline as items with their headers (as this writer and pydicom do) is encapsulated. */
    private static Object encapsulatedOrBytes(byte[] bytes) {
        Fragments fragments = Encapsulated.parseItems(bytes);
        return fragments != null ? fragments : bytes;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** An error at the current place of the input. */
    DicomJsonException fail(String reason) {
        JsonLocation at = bufferedAt != null ? bufferedAt : parser == null ? null : parser.currentLocation();
        return new DicomJsonException(reason, at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(),
                currentTag == -1 ? null : position.pathOf(currentTag).toString(), null);
    }

    /** The parser's own error, with the tag path added. */
    DicomJsonException wrap(JsonProcessingException e) {
        JsonLocation at = bufferedAt != null ? bufferedAt : e.getLocation();
        String reason = e.getOriginalMessage();
        return new DicomJsonException(reason == null ? "invalid JSON" : reason.replaceAll("\\s*[\\r\\n]+\\s*", " "),
                at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(),
                currentTag == -1 ? null : position.pathOf(currentTag).toString(), e);
    }
}
