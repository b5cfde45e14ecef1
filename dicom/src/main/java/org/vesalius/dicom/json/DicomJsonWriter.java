package org.vesalius.dicom.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.io.DicomStreamReader;

/**
 * Writes data sets as DICOM JSON (PS3.18 Annex F) on a Jackson {@link JsonGenerator}, streaming:
 * nothing is built besides the output.
 *
 * <p>Each data set becomes one JSON object whose keys are the tags as eight upper-case hex digits
 * in ascending order; each attribute object has {@code "vr"}, then at most one of {@code "Value"},
 * {@code "BulkDataURI"} or {@code "InlineBinary"}:
 * <ul>
 * <li>strings are decoded with the Specific Character Set in effect, split at backslashes (but
 *     not LT, ST, UT, UR) and trimmed of padding; an empty value among several is {@code null};
 * <li>PN values are objects with the non-empty groups among {@code Alphabetic},
 *     {@code Ideographic} and {@code Phonetic};
 * <li>DS and IS are strings, or numbers with {@link NumberMode#NUMBER} (a value that is not a
 *     valid number, or lies beyond the range of a double, stays a string);
 * <li>US, SS, UL, SL, FL and FD are numbers; UV and SV are numbers up to ±(2^53 − 1), which JSON
 *     parsers hold exactly, and strings beyond (PS3.18 allows either);
 * <li>FL and FD values that are NaN or infinite, which JSON numbers cannot express, are the
 *     strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"};
 * <li>AT values are eight hex digit strings;
 * <li>OB, OD, OF, OL, OV, OW and UN values are base64 {@code InlineBinary}, unless they are bulk
 *     data (see {@link WriteOptions}); encapsulated values are a {@code BulkDataURI} when the
 *     {@link BulkDataUriBuilder} gives one, else their items with item headers, base64;
 * <li>sequences have a {@code "Value"} array of item objects ({@code {}} for an empty item);
 * <li>empty values have no {@code "Value"}; group lengths are left out unless asked for.
 * </ul>
 * Control characters and NULs inside values are escaped by the generator, so the output is valid
 * JSON whatever the input holds.
 *
 * <p>The writer neither flushes nor closes the generator. Not thread-safe.
 */
public final class DicomJsonWriter {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final JsonGenerator generator;
    private final WriteOptions options;

    /** A writer with {@link WriteOptions#DEFAULT}. */
    public DicomJsonWriter(JsonGenerator generator) {
        this(generator, WriteOptions.DEFAULT);
    }

    /** A writer with the given options. */
    public DicomJsonWriter(JsonGenerator generator, WriteOptions options) {
        this.generator = Objects.requireNonNull(generator, "generator");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Writes {@code dataset} (and its items) as one JSON object. */
    public void write(Dataset dataset) throws IOException {
        generator.writeStartObject();
        TreeWalker.walk(dataset, new JsonVisitor(generator, options));
        generator.writeEndObject();
    }

    /**
     * Reads the data set from {@code reader} until its end (or the reader's stop condition) and
     * writes it as one JSON object, without building a tree. Bulk values the reader recorded as
     * references become {@code BulkDataURI}s.
     *
     * <p>An element that repeats a tag, or comes out of ascending order, is left out (with a
     * warning in the log): JSON keys must ascend. On an exception the JSON object is left open.
     */
    public void write(DicomStreamReader reader) throws IOException {
        generator.writeStartObject();
        TokenWalker.walk(reader, new JsonVisitor(generator, options));
        generator.writeEndObject();
    }

    /** Writes {@code dataset} as a UTF-8 JSON document to {@code out} (not closed). */
    public static void write(Dataset dataset, WriteOptions options, OutputStream out) throws IOException {
        try (JsonGenerator gen = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            new DicomJsonWriter(gen, options).write(dataset);
        }
    }

    /** {@code dataset} as a compact JSON document. */
    public static String toJson(Dataset dataset, WriteOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(dataset, options, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen with a byte array
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
