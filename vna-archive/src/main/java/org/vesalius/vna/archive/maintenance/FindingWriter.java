package org.vesalius.vna.archive.maintenance;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes findings as they come, for people and for programs: one text line each
 * ({@code CODE<TAB>key<TAB>detail}) and, when a stream is given, one JSON object per line
 * ({@code {"code": …, "key": …, "sop": …, "detail": …}}), closed by a summary object
 * ({@code {"summary": "verify", …}}). Thread-safe.
 */
public final class FindingWriter implements Consumer<Finding>, AutoCloseable {

    private static final JsonFactory JSON = new JsonFactory();

    private final PrintStream text;
    private final JsonGenerator json;

    /**
     * @param text      where text lines go (standard output for the command line)
     * @param jsonLines where JSON lines go, or null for none; closed by {@link #close()}
     */
    public FindingWriter(PrintStream text, OutputStream jsonLines) {
        this.text = text;
        try {
            this.json = jsonLines == null ? null : JSON.createGenerator(jsonLines, JsonEncoding.UTF8)
                    .setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void accept(Finding f) {
        text.println(f.code() + "\t" + (f.key().isEmpty() ? f.sopInstanceUid() : f.key()) + "\t"
                + (f.detail().isEmpty() ? f.code().description() : f.detail()));
        if (json != null) {
            write(ordered("code", f.code().name(), "key", f.key(), "sop", f.sopInstanceUid(), "detail", f.detail()));
        }
    }

    /** The verify summary: text line and JSON object. */
    public synchronized void summary(VerifyReport r) {
        text.println(r.summary());
        if (json != null) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("summary", "verify");
            fields.put("exitCode", r.exitCode());
            fields.put("differences", r.differences());
            fields.put("blobs", r.blobs());
            fields.put("bytes", r.bytes());
            fields.put("instances", r.instances());
            fields.put("documents", r.documents());
            fields.put("indexCompared", r.indexCompared());
            fields.put("durationMillis", r.duration().toMillis());
            r.counts().forEach((code, n) -> fields.put(code.name(), n));
            write(fields);
        }
    }

    /** The reindex summary: text line and JSON object. */
    public synchronized void summary(ReindexReport r) {
        text.println(r.summary());
        if (json != null) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("summary", "reindex");
            fields.put("index", r.index());
            fields.put("previous", r.previous().orElse(""));
            fields.put("previousDropped", r.previousDropped());
            fields.put("instances", r.instances());
            fields.put("series", r.series());
            fields.put("studies", r.studies());
            fields.put("olderVersions", r.olderVersions());
            fields.put("copiedFromLive", r.copiedFromLive());
            fields.put("skipped", r.skipped());
            fields.put("markersCleared", r.markersCleared());
            fields.put("durationMillis", r.duration().toMillis());
            write(fields);
        }
    }

    /** A run that could not complete: text line and JSON object. */
    public synchronized void failure(String command, String message) {
        text.println(command + ": FAILED: " + message);
        if (json != null) {
            write(ordered("summary", command, "exitCode", VerifyReport.COULD_NOT_RUN, "error", message));
        }
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private void write(Map<String, ?> fields) {
        try {
            json.writeStartObject();
            for (Map.Entry<String, ?> e : fields.entrySet()) {
                json.writeFieldName(e.getKey());
                switch (e.getValue()) {
                    case Number n -> json.writeNumber(n.longValue());
                    case Boolean b -> json.writeBoolean(b);
                    default -> json.writeString(String.valueOf(e.getValue()));
                }
            }
            json.writeEndObject();
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() {
        text.flush();
        if (json != null) {
            try {
                json.writeRaw('\n');
                json.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
