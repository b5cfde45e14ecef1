package org.vesalius.dicom.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.io.BulkDataDescriptor;
import org.vesalius.dicom.io.BulkDataHandler;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * The benchmark inputs as JMH states: each is generated once per trial, held as a byte array and
 * checked (a benchmark that silently parses nothing measures nothing).
 */
public final class Inputs {

    static final int PIXEL_DATA = 0x7FE00010;
    static final int PER_FRAME_FUNCTIONAL_GROUPS = 0x52009230;

    /** Stop in front of Pixel Data, everything else in memory. */
    static final ReadOptions HEADER_ONLY = ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA);
    /** Everything in memory. */
    static final ReadOptions EVERYTHING = ReadOptions.DEFAULT;
    /** Standard bulk data (Pixel Data) recorded as locations, not loaded. */
    static final ReadOptions BULK_AS_LOCATIONS = ReadOptions.DEFAULT
            .withBulkData(BulkDataDescriptor.STANDARD, BulkDataHandler.locationIn("mem:multiframe"));

    static final int ENHANCED_FRAMES = 500;
    static final int ENHANCED_ROWS = 128;
    static final int ENHANCED_COLUMNS = 128;
    static final int MULTIFRAME_FRAMES = 100;
    static final int MULTIFRAME_ROWS = 512;
    static final int MULTIFRAME_COLUMNS = 512;

    private Inputs() {
    }

    static DicomFile read(byte[] file, ReadOptions options) {
        try {
            return DicomReader.read(new ByteArrayInputStream(file), options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void check(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("benchmark input check failed: " + what);
        }
    }

    /** The 512x512 CT image, in Explicit and in Implicit VR Little Endian. */
    @State(Scope.Benchmark)
    public static class Ct {
        public byte[] explicitLe;
        public byte[] implicitLe;

        @Setup(Level.Trial)
        public void setup() {
            Dataset ct = Samples.ct512();
            explicitLe = Samples.encode(ct, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            implicitLe = Samples.encode(ct, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
            for (byte[] file : new byte[][] {explicitLe, implicitLe}) {
                DicomFile header = read(file, HEADER_ONLY);
                check(!header.dataset().contains(PIXEL_DATA), "header parse stops before Pixel Data");
                check(header.dataset().size() == ct.size() - 1,
                        "header parse reads every element before Pixel Data: " + header.dataset().size());
                check(header.irregularities().isEmpty(), "no irregularity: " + header.irregularities());
                DicomFile full = read(file, EVERYTHING);
                check(full.dataset().getBytes(PIXEL_DATA).length == 512 * 512 * 2, "full read loads Pixel Data");
            }
        }
    }

    /** The Enhanced CT with 500 per-frame functional group items (128x128 frames). */
    @State(Scope.Benchmark)
    public static class EnhancedCt {
        public byte[] explicitLe;

        @Setup(Level.Trial)
        public void setup() {
            explicitLe = Samples.encode(Samples.enhancedCt(ENHANCED_FRAMES, ENHANCED_ROWS, ENHANCED_COLUMNS),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            DicomFile header = read(explicitLe, HEADER_ONLY);
            check(!header.dataset().contains(PIXEL_DATA), "header parse stops before Pixel Data");
            check(header.dataset().getSequence(PER_FRAME_FUNCTIONAL_GROUPS).size() == ENHANCED_FRAMES,
                    "one per-frame item per frame");
            check(header.irregularities().isEmpty(), "no irregularity: " + header.irregularities());
        }
    }

    /**
     * 100 frames of 512x512 16-bit pixels (50 MiB of Pixel Data) with an enhanced header, in memory
     * and, for the one benchmark that goes through {@code DicomReader.read(Path)}, in a temporary
     * file (in /dev/shm when there is one, so the page cache serves it and no disk is involved).
     */
    @State(Scope.Benchmark)
    public static class MultiFrame {
        public byte[] explicitLe;
        public Path file;

        @Setup(Level.Trial)
        public void setup() throws IOException {
            explicitLe = Samples.encode(Samples.enhancedCt(MULTIFRAME_FRAMES, MULTIFRAME_ROWS, MULTIFRAME_COLUMNS),
                    TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
            long pixelBytes = (long) MULTIFRAME_FRAMES * MULTIFRAME_ROWS * MULTIFRAME_COLUMNS * 2;
            DicomFile full = read(explicitLe, EVERYTHING);
            check(full.dataset().getBytes(PIXEL_DATA).length == pixelBytes, "full read loads Pixel Data");
            DicomFile located = read(explicitLe, BULK_AS_LOCATIONS);
            check(located.dataset().getValue(PIXEL_DATA) instanceof BulkDataRef ref
                    && ref.length() == pixelBytes && ref.offset() + pixelBytes == explicitLe.length,
                    "bulk data read records where Pixel Data is");
            Path shm = Path.of("/dev/shm");
            file = Files.isDirectory(shm) && Files.isWritable(shm)
                    ? Files.createTempFile(shm, "dicom-jmh-", ".dcm")
                    : Files.createTempFile("dicom-jmh-", ".dcm");
            Files.write(file, explicitLe);
            check(DicomReader.read(file, EVERYTHING).dataset().getBytes(PIXEL_DATA).length == pixelBytes,
                    "full read from a file loads Pixel Data");
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
