package org.vesalius.dicom.tool;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;

/** Small files and captured output for the command-line tool tests. */
final class ToolFixtures {

    static final byte[] PIXELS = pixels();

    private ToolFixtures() {
    }

    /** A tool run's exit code and what it printed. */
    record Run(int exit, String out, byte[] outBytes, String err) {
    }

    interface Tool {
        int run(String[] args, PrintStream out, PrintStream err);
    }

    static Run run(Tool tool, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = tool.run(args, utf8(out), utf8(err));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    private static PrintStream utf8(OutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }

    /** A small CT-like file in {@code syntax} with a nested sequence and 4 KiB of pixel data. */
    static Path writeSample(Path dir, String name, TransferSyntax syntax) throws Exception {
        Dataset ds = new Dataset();
        ds.setString(0x00080005, VR.CS, "ISO_IR 192");
        ds.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.setString(0x00080018, VR.UI, "1.2.3.4");
        ds.setString(0x00100010, VR.PN, "Müller^Jürgen=山田^太郎");
        ds.setString(0x00280030, VR.DS, "0.5", "0.5");
        ds.newSequence(0x00101002, 1).addItem().setString(0x00100020, VR.LO, "OTHER-ID");
        ds.setInt(0x00280010, VR.US, 64);
        ds.setBytes(0x7FE00010, VR.OW, PIXELS);
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            DicomWriter.writeFile(DicomFile.of(ds, syntax), out, EncodingOptions.DEFAULT);
        }
        return file;
    }

    private static byte[] pixels() {
        byte[] b = new byte[4096];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 7);
        }
        return b;
    }
}
