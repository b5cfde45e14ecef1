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
 * Header parse: read a Part 10 instance from memory into a {@link org.vesalius.dicom.data.Dataset}
 * and stop in front of Pixel Data, as an archive does when it indexes an incoming instance.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HeaderParseBenchmark {

    /** 512x512 CT, Explicit VR Little Endian: 103 elements before Pixel Data, 3 small sequences, a private block. */
    @Benchmark
    public DicomFile ctExplicitVrLittleEndian(Inputs.Ct in) throws IOException {
        return DicomReader.read(new ByteArrayInputStream(in.explicitLe), Inputs.HEADER_ONLY);
    }

    /** The same CT in Implicit VR Little Endian: each element's VR comes from the dictionary. */
    @Benchmark
    public DicomFile ctImplicitVrLittleEndian(Inputs.Ct in) throws IOException {
        return DicomReader.read(new ByteArrayInputStream(in.implicitLe), Inputs.HEADER_ONLY);
    }

    /** Enhanced CT, 500 per-frame functional group items of 6 nested sequences each. */
    @Benchmark
    public DicomFile enhancedCt500Frames(Inputs.EnhancedCt in) throws IOException {
        return DicomReader.read(new ByteArrayInputStream(in.explicitLe), Inputs.HEADER_ONLY);
    }
}
