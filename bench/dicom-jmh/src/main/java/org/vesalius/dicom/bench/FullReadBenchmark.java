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

/** Full read of a single-frame instance, Pixel Data included, into memory. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class FullReadBenchmark {

    /** 512x512 CT, Explicit VR Little Endian, header and 512 KiB of Pixel Data. */
    @Benchmark
    public DicomFile ctExplicitVrLittleEndian(Inputs.Ct in) throws IOException {
        return DicomReader.read(new ByteArrayInputStream(in.explicitLe), Inputs.EVERYTHING);
    }
}
