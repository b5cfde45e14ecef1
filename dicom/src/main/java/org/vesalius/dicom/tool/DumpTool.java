package org.vesalius.dicom.tool;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Length;
import org.vesalius.dicom.data.SpecificCharacterSet;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.io.BulkDataDescriptor;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * {@code vna dump FILE...}: lists each file's elements the way dcmdump does, one line per
 * element, {@code (gggg,eeee) VR [value] # length, VM Keyword}, items indented, File Meta
 * Information first. Multiple values are joined by backslashes; long values are cut at about 64
 * characters with "..."; binary values show their first bytes or words in hex.
 *
 * <p>The file is streamed: binary values over 128 bytes are not loaded beyond the 128 bytes
 * shown. Sequences and items show whether their length is explicit or undefined; delimiters are
 * listed where the file has them. Unlike dcmdump, item counts ({@code #=N}) are not shown, as
 * they are only known at the end of the sequence.
 *
 * <p>What was read before an error is printed; the error follows as one line on standard error
 * (see {@link ToolRunner} for exit codes).
 */
public final class DumpTool {

    static final String USAGE = "usage: vna dump FILE...";

    private static final int PREVIEW_BYTES = 128;
    private static final BulkDataDescriptor PREVIEWED = (depth, tag, vr, length) -> length > PREVIEW_BYTES && vr.isBinary();
    private static final ReadOptions READ = ReadOptions.DEFAULT.withBulkData(PREVIEWED, (value, in) -> in.readNBytes(PREVIEW_BYTES));

    private DumpTool() {
    }

    /** Runs the tool and exits with its exit code. */
    public static void main(String[] args) {
        ToolRunner.quietLoggingNotice();
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.exit(ToolRunner.guard("dump", System.err, () -> run(args, out, System.err)));
    }

    /** Runs the tool; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        ToolRunner runner = new ToolRunner("dump", err);
        List<Path> files = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                out.println(USAGE);
                return ToolRunner.OK;
            }
            if (arg.startsWith("-") && arg.length() > 1) {
                return runner.usage("unknown option " + arg, USAGE);
            }
            Path file = runner.pathOf(arg);
            if (file == null) {
                return ToolRunner.BAD_INPUT;
            }
            files.add(file);
        }
        if (files.isEmpty()) {
            return runner.usage("no file given", USAGE);
        }
        int exit = ToolRunner.OK;
        for (Path file : files) {
            StringBuilder listing = new StringBuilder(16 * 1024);
            if (files.size() > 1) {
                listing.append("# ").append(file).append('\n');
            }
            exit = Math.max(exit, runner.runOn(file, f -> {
                try {
                    dump(f, listing);
                } finally {
                    out.print(listing); // what was read before an error helps to see where it is
                    out.flush();
                }
            }));
        }
        out.flush();
        return exit;
    }

    private static void dump(Path file, StringBuilder listing) throws IOException {
        DumpLines lines = new DumpLines(listing);
        try (DicomStreamReader reader = DicomStreamReader.open(file, READ)) {
            if (reader.hasMagic()) {
                listing.append("\n# Dicom-File-Format\n");
            }
            if (reader.fileMeta() != null) {
                listing.append("\n# Dicom-Meta-Information-Header\n# Used TransferSyntax: Little Endian Explicit\n");
                Dataset meta = reader.fileMeta();
                for (int i = 0; i < meta.size(); i++) {
                    Object value = meta.valueAt(i);
                    long length = value instanceof byte[] raw ? raw.length : 0;
                    lines.element(0, meta.tagAt(i), meta.vrAt(i), length, value, SpecificCharacterSet.ASCII);
                }
            }
            listing.append("\n# Dicom-Data-Set\n# Used TransferSyntax: ").append(name(reader.transferSyntax())).append('\n');
            new TokenLister(reader, lines).run();
        }
    }

    private static String name(TransferSyntax syntax) {
        return switch (syntax.uid()) {
            case "1.2.840.10008.1.2" -> "Little Endian Implicit";
            case "1.2.840.10008.1.2.1" -> "Little Endian Explicit";
            case "1.2.840.10008.1.2.2" -> "Big Endian Explicit";
            case "1.2.840.10008.1.2.1.99" -> "Deflated Explicit VR Little Endian";
            default -> syntax.uid();
        };
    }

    /** Turns the reader's tokens into lines, tracking nesting and the character set of each item. */
    private static final class TokenLister {
        private final DicomStreamReader reader;
        private final DumpLines lines;
        private final Deque<Boolean> undefinedItems = new ArrayDeque<>();
        private final Deque<Boolean> undefinedSequences = new ArrayDeque<>();
        private SpecificCharacterSet[] charsets = {SpecificCharacterSet.ASCII};

        TokenLister(DicomStreamReader reader, DumpLines lines) {
            this.reader = reader;
            this.lines = lines;
        }

        void run() throws IOException {
            while (true) {
                int depth = reader.depth();
                switch (reader.next()) {
                    case ELEMENT -> element(depth);
                    case SEQUENCE_START -> {
                        boolean undefined = Length.isUndefined(reader.length());
                        undefinedSequences.push(undefined);
                        lines.marker(2 * depth, reader.tag(), "SQ", "Sequence with " + (undefined ? "undefined" : "explicit")
                                + " length", reader.length(), 1, lines.keyword(reader.tag()));
                    }
                    case ITEM_START -> {
                        boolean undefined = Length.isUndefined(reader.length());
                        undefinedItems.push(undefined);
                        lines.marker(2 * depth + 1, Tag.ITEM, "na", "Item with " + (undefined ? "undefined" : "explicit")
                                + " length", reader.length(), 1, "Item");
                        enterItem(depth + 1);
                    }
                    case ITEM_END -> {
                        if (undefinedItems.pop()) {
                            lines.marker(2 * depth - 1, Tag.ITEM_DELIMITATION, "na", "ItemDelimitationItem", 0, 0, "ItemDelimitationItem");
                        }
                    }
                    case SEQUENCE_END -> {
                        if (undefinedSequences.pop()) {
                            lines.marker(2 * depth, Tag.SEQUENCE_DELIMITATION, "na", "SequenceDelimitationItem", 0, 0,
                                    "SequenceDelimitationItem");
                        }
                    }
                    case FRAGMENTS_START -> lines.marker(2 * depth, reader.tag(), reader.vr().name(), "PixelSequence",
                            reader.length(), 1, lines.keyword(reader.tag()));
                    case FRAGMENT -> lines.fragment(2 * depth + 1, reader.length(), reader.value());
                    case FRAGMENTS_END -> lines.marker(2 * depth, Tag.SEQUENCE_DELIMITATION, "na", "SequenceDelimitationItem",
                            0, 0, "SequenceDelimitationItem");
                    case END, STOPPED -> {
                        return;
                    }
                }
            }
        }

        private void element(int depth) {
            int tag = reader.tag();
            Object value = reader.value();
            boolean isCharset = tag == Tag.SPECIFIC_CHARACTER_SET;
            lines.element(2 * depth, tag, reader.vr(), reader.length(), value,
                    isCharset ? SpecificCharacterSet.ASCII : charsets[depth]);
            if (isCharset && value instanceof byte[] raw) {
                String[] terms = new String(raw, StandardCharsets.ISO_8859_1).split("\\\\", -1);
                for (int i = 0; i < terms.length; i++) {
                    terms[i] = terms[i].replace("\0", "").strip();
                }
                charsets[depth] = SpecificCharacterSet.of(terms);
            }
        }

        private void enterItem(int depth) {
            if (depth >= charsets.length) {
                charsets = Arrays.copyOf(charsets, depth * 2);
            }
            charsets[depth] = charsets[depth - 1];
        }
    }
}
