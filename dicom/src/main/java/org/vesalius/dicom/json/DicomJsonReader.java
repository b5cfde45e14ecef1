package org.vesalius.dicom.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vesalius.dicom.data.Dataset;

/**
 * Reads DICOM JSON (PS3.18 Annex F) into {@link Dataset}s with Jackson's streaming parser.
 *
 * <p>Tolerant where the standard or common producers vary: attribute members in any order
 * ({@code "Value"} before {@code "vr"} is fine), DS and IS as JSON numbers or strings, numbers of
 * binary VRs as strings (a null among them, which binary cannot encode, is left out), UV and SV
 * beyond 2^53 as strings, FL and FD {@code "NaN"} and
 * {@code "Infinity"} strings, PN as objects (or plain strings), null for empty values and items,
 * and members PS3.18 does not define (ignored). Pixel data given inline as encapsulated items
 * (what {@link DicomJsonWriter} writes for fragments) becomes
 * {@link org.vesalius.dicom.data.Fragments} again. A {@code BulkDataURI} becomes what the
 * {@link BulkDataUriHandler} returns: by default a reference.
 *
 * <p>JSON strings are Unicode; the data set holds bytes. Each string is encoded with the Specific
 * Character Set in effect where it stands. When that set cannot represent a string (or the data
 * set declares none and the string is not ASCII), the data set's (0008,0005) is set to
 * {@code ISO_IR 192} (UTF-8), as are items that declare their own, so that no character is lost.
 *
 * <p>Anything else (not JSON, truncated, a key that is not 8 hex digits, an unknown VR, a value of
 * the wrong type or out of range, sequences nested deeper than the limit) throws
 * {@link DicomJsonException} with the line, column and tag path. Immutable and thread-safe; each
 * call reads independently.
 */
public final class DicomJsonReader {

    /** Sequences nested deeper than this are refused, as {@link org.vesalius.dicom.io.ReadOptions} does. */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // Base64 pixel data is long; nesting is bounded here and again by the sequence depth.
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(4 * DEFAULT_MAX_DEPTH + 16)
                    .build())
            .build();

    private final BulkDataUriHandler bulkData;
    private final int maxDepth;

    /** A reader with {@link BulkDataUriHandler#REFERENCE} and {@link #DEFAULT_MAX_DEPTH}. */
    public DicomJsonReader() {
        this(BulkDataUriHandler.REFERENCE, DEFAULT_MAX_DEPTH);
    }

    private DicomJsonReader(BulkDataUriHandler bulkData, int maxDepth) {
        this.bulkData = Objects.requireNonNull(bulkData, "bulkData");
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be positive");
        }
        this.maxDepth = maxDepth;
    }

    /** This reader, with {@code handler} deciding what a {@code BulkDataURI} becomes. */
    public DicomJsonReader withBulkDataUriHandler(BulkDataUriHandler handler) {
        return new DicomJsonReader(handler, maxDepth);
    }

    /** This reader, refusing sequences nested deeper than {@code depth}. */
    public DicomJsonReader withMaxDepth(int depth) {
        return new DicomJsonReader(bulkData, depth);
    }

    /** Reads one data set: an object, or an array holding exactly one. The stream is not closed. */
    public Dataset read(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            return readWhole(p);
        }
    }

    /** Reads one data set from a JSON text. */
    public Dataset read(String json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return readWhole(p);
        }
    }

    /**
     * Reads the data set {@code parser} is at (or, before any token, the next one): an object or
     * a one-element array, leaving the parser after it. The caller's factory sets the parser's
     * limits.
     */
    public Dataset read(JsonParser parser) throws IOException {
        DatasetParser run = new DatasetParser(FACTORY, bulkData, maxDepth);
        try {
            JsonToken t = parser.currentToken() != null ? parser.currentToken() : parser.nextToken();
            if (t == JsonToken.START_ARRAY) {
                t = parser.nextToken();
                if (t != JsonToken.START_OBJECT) {
                    throw at(parser, "expected a data set object in the array, found " + describe(t));
                }
                Dataset dataset = run.parse(parser);
                if (parser.nextToken() != JsonToken.END_ARRAY) {
                    throw at(parser, "expected one data set, found several (read them with readAll)");
                }
                return dataset;
            }
            if (t != JsonToken.START_OBJECT) {
                throw at(parser, "a DICOM JSON data set is an object, found " + describe(t));
            }
            return run.parse(parser);
        } catch (JsonProcessingException e) {
            throw run.wrap(e);
        }
    }

    /**
     * Reads every data set of a JSON array (a WADO-RS metadata or QIDO-RS response), or the one
     * data set of an object. The stream is not closed.
     */
    public List<Dataset> readAll(InputStream in) throws IOException {
        try (JsonParser p = FACTORY.createParser(in)) {
            p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            List<Dataset> out = new ArrayList<>();
            JsonToken t = next(p);
            if (t == JsonToken.START_OBJECT) {
                out.add(read(p));
            } else if (t == JsonToken.START_ARRAY) {
                for (t = next(p); t != JsonToken.END_ARRAY; t = next(p)) {
                    if (t != JsonToken.START_OBJECT) {
                        throw at(p, "expected a data set object in the array, found " + describe(t));
                    }
                    out.add(read(p));
                }
            } else {
                throw at(p, "expected a data set object or an array of them, found " + describe(t));
            }
            expectEnd(p);
            return out;
        }
    }

    private Dataset readWhole(JsonParser p) throws IOException {
        Dataset dataset = read(p);
        expectEnd(p);
        return dataset;
    }

    private static void expectEnd(JsonParser p) throws IOException {
        JsonToken t = next(p);
        if (t != null) {
            throw at(p, "unexpected " + describe(t) + " after the data set");
        }
    }

    private static JsonToken next(JsonParser p) throws IOException {
        try {
            return p.nextToken();
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new DicomJsonException(String.valueOf(e.getOriginalMessage()).replaceAll("\\s*[\\r\\n]+\\s*", " "),
                    at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(), null, e);
        }
    }

    private static DicomJsonException at(JsonParser p, String reason) {
        var at = p.currentLocation();
        return new DicomJsonException(reason, at.getLineNr(), at.getColumnNr(), null, null);
    }

    private static String describe(JsonToken t) {
        return t == null ? "the end of the input" : ValueParser.describe(t);
    }
}
