package org.vesalius.dicom.tool;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.io.BulkDataDescriptor;
import org.vesalius.dicom.io.BulkDataHandler;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.json.BulkDataUriBuilder;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.NativeXmlWriter;
import org.vesalius.dicom.json.NumberMode;
import org.vesalius.dicom.json.WriteOptions;

/**
 * {@code vna json [--inline] [--numbers] [--compact] [--xml] FILE...}: prints each DICOM file's
 * data set as DICOM JSON (PS3.18 F), or as Native DICOM Model XML (PS3.19) with {@code --xml}.
 *
 * <p>One file gives one JSON object; several give a JSON array of them (files that fail are left
 * out and reported). Pixel data, the other standard bulk data and binary values over 1 KiB are
 * not loaded: they appear as {@code BulkDataURI}s pointing into the file,
 * {@code file:///abs/path?offset=N&length=M}, where {@code offset} is the position of the value
 * in the file and {@code length} its length in bytes (for encapsulated pixel data: from the first
 * item header to the end of the last fragment). Inside a deflated data set, where file offsets
 * mean nothing, and with {@code --inline}, values are base64 {@code InlineBinary}.
 *
 * <p>The data set is streamed from the file to the output without building a tree, and the
 * output of a file is only printed once the whole file was read, so a malformed file never
 * leaves half a document behind. Errors follow {@link ToolRunner}: one line each, exit code 1
 * for malformed input, 2 for bugs.
 */
public final class JsonTool {

    static final String USAGE = """
            usage: vna json [--inline] [--numbers] [--compact] [--xml] FILE...
              --inline   put bulk data (pixel data...) inline as base64 instead of file URIs
              --numbers  write DS and IS values as JSON numbers (default: strings)
              --compact  no indentation
              --xml      write PS3.19 Native DICOM Model XML instead of JSON""";

    /** Bulk data left in the file: the standard bulk tags (fragments included) and long binary values. */
    private static final BulkDataDescriptor BULK = BulkDataDescriptor.STANDARD
            .or(BulkDataDescriptor.binaryLongerThan(1024));

    private boolean inline;
    private boolean numbers;
    private boolean compact;
    private boolean xml;
    private PrintStream warnings;

    private JsonTool() {
    }

    /** Runs the tool and exits with its exit code. */
    public static void main(String[] args) {
        ToolRunner.quietLoggingNotice();
        System.exit(ToolRunner.guard("json", System.err, () -> run(args, System.out, System.err)));
    }

    /** Runs the tool; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        ToolRunner runner = new ToolRunner("json", err);
        JsonTool tool = new JsonTool();
        tool.warnings = err;
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            switch (arg) {
                case "--inline" -> tool.inline = true;
                case "--numbers" -> tool.numbers = true;
                case "--compact" -> tool.compact = true;
                case "--xml" -> tool.xml = true;
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return ToolRunner.OK;
                }
                default -> {
                    if (arg.startsWith("-") && arg.length() > 1) {
                        return runner.usage("unknown option " + arg, USAGE);
                    }
                    Path file = runner.pathOf(arg);
                    if (file == null) {
                        return ToolRunner.BAD_INPUT;
                    }
                    files.add(file);
                }
            }
        }
        if (files.isEmpty()) {
            return runner.usage("no file given", USAGE);
        }
        int exit = ToolRunner.OK;
        boolean array = files.size() > 1 && !tool.xml;
        boolean first = true;
        if (array) {
            out.print('[');
        }
        for (Path file : files) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
            int code = runner.runOn(file, f -> tool.convert(f, buffer));
            if (code == ToolRunner.OK) {
                if (array && !first) {
                    out.print(',');
                }
                first = false;
                out.write(buffer.toByteArray(), 0, buffer.size());
                out.println();
            }
            exit = Math.max(exit, code);
        }
        if (array) {
            out.println(']');
        }
        out.flush();
        return exit;
    }

    private void convert(Path file, ByteArrayOutputStream buffer) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        ReadOptions read = inline ? ReadOptions.DEFAULT
                : ReadOptions.DEFAULT.withBulkData(BULK, BulkDataHandler.locationIn(absolute.toUri().toString()));
        WriteOptions write = WriteOptions.DEFAULT
                .withNumberMode(numbers ? NumberMode.NUMBER : NumberMode.STRING)
                .withBulkDataUris(BulkDataUriBuilder.LOCATION);
        try (DicomStreamReader reader = DicomStreamReader.open(absolute, read)) {
            if (xml) {
                NativeXmlWriter.write(reader, write, buffer);
            } else {
                try (JsonGenerator gen = Json.FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
                    if (!compact) {
                        gen.useDefaultPrettyPrinter();
                    }
                    new DicomJsonWriter(gen, write).write(reader);
                }
            }
            // Readable but irregular (e.g. truncated pixel data left in the file): say so.
            for (String irregularity : reader.irregularities()) {
                warnings.println("vna json: " + file + ": warning: " + irregularity);
            }
        }
    }

    /** Created on first use only, to keep start-up short. */
    private static final class Json {
        static final JsonFactory FACTORY = JsonFactory.builder().build();
    }
}
