package org.vesalius.dicom.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;

/**
 * A 100-frame 512x512 16-bit instance (50 MiB of Pixel Data, enhanced header with 100 per-frame
 * items): read fully into memory, and read with Pixel Data recorded as a location only.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MultiFrameReadBenchmark {

    /** Header and all 100 frames into memory. */
    @Benchmark
    public DicomFile fullyInMemory(Inputs.MultiFrame in) throws IOException {
        return DicomReader.read(new ByteArrayInputStream(in.explicitLe), Inputs.EVERYTHING);
    }

    /**
     * The same through {@code DicomReader.read(Path)}, from a page-cached temporary file: the path
     * an archive takes, where the reader knows the input's length.
     */
    @Benchmark
    public DicomFile fullyInMemoryFromFile(Inputs.MultiFrame in) throws IOException {
        return DicomReader.read(in.file, Inputs.EVERYTHING);
    }

    /** Header into memory; Pixel Data skipped and kept as a BulkDataRef (offset, length). */
    @Benchmark
    public DicomFile bulkDataAsLocations(Inputs.MultiFrame in) throws IOException {
        return DicomReader.read(new ByteArrayInputStream(in.explicitLe), Inputs.BULK_AS_LOCATIONS);
    }

    /** Reference point, not the toolkit: copying the same bytes once (what memory bandwidth allows here). */
    @Benchmark
    public byte[] baselineCopyOfInput(Inputs.MultiFrame in) {
        return new ByteArrayInputStream(in.explicitLe).readAllBytes();
    }
}
