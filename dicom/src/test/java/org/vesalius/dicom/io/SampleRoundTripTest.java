package org.vesalius.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.testdata.DatasetAssert;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.testsupport.samples.SharedSamples.Sample;

/**
 * Every real-world sample parses (or, when its MANIFEST marks it malformed, fails with the
 * typed exception), is rewritten bit for bit in preserving mode, and survives a normalizing
 * rewrite in its own transfer syntax with an equivalent data set.
 */
class SampleRoundTripTest {

    static Stream<Sample> samples() {
        return SharedSamples.arguments();
    }

    private static final java.util.Set<String> NOT_DICOM = notDicom();

    private static java.util.Set<String> notDicom() {
        try (var in = SampleRoundTripTest.class.getResourceAsStream("not-dicom-samples.txt")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t")[0])
                    .collect(java.util.stream.Collectors.toSet());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void parsesOrFailsWithTypedException(Sample sample) {
        SharedSamples.require(sample);
        if (NOT_DICOM.contains(sample.name())) {
            assertThatCode(() -> DicomReader.read(sample.path())).isInstanceOf(MalformedDicomException.class);
        } else if (sample.malformed()) {
            assertThatCode(() -> DicomReader.read(sample.path()))
                    .satisfiesAnyOf(t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(MalformedDicomException.class));
        } else {
            assertThatCode(() -> DicomReader.read(sample.path())).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void preservingRewriteIsBitIdentical(Sample sample) throws Exception {
        DicomFile file = readable(sample);
        org.junit.jupiter.api.Assumptions.assumeTrue(file.irregularities().isEmpty(),
                () -> "not representable bit for bit: " + file.irregularities());
        byte[] original = Files.readAllBytes(sample.path());
        ByteArrayOutputStream out = new ByteArrayOutputStream(original.length);
        DicomWriter.writeFile(file, out, EncodingOptions.PRESERVE);
        if (file.transferSyntax().deflated()) {
            // DEFLATE has many valid encodings of one input: what must be identical is the File
            // Meta and the data set before compression.
            int bodyStart = original.length - Deflated.compressedBodyLength(original);
            assertThat(Arrays.copyOf(out.toByteArray(), bodyStart)).as("preamble and File Meta")
                    .isEqualTo(Arrays.copyOf(original, bodyStart));
            assertThat(Deflated.inflate(out.toByteArray(), bodyStart)).as("inflated data set")
                    .isEqualTo(Deflated.inflate(original, bodyStart));
        } else {
            assertThat(out.toByteArray()).as("bit-preserving rewrite").isEqualTo(original);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void normalizingRewriteKeepsTheDataset(Sample sample) throws Exception {
        DicomFile file = readable(sample);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeFile(file, out, EncodingOptions.DEFAULT);
        DicomFile again = DicomReader.read(new ByteArrayInputStream(out.toByteArray()), ReadOptions.DEFAULT);
        assertThat(again.transferSyntax().uid()).isEqualTo(file.transferSyntax().uid());
        assertThat(DatasetAssert.differences(file.dataset(), again.dataset())).isEmpty();
    }

    private static DicomFile readable(Sample sample) throws Exception {
        SharedSamples.require(sample);
        org.junit.jupiter.api.Assumptions.assumeFalse(NOT_DICOM.contains(sample.name()), "not DICOM");
        try {
            return DicomReader.read(sample.path());
        } catch (MalformedDicomException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(!sample.malformed(), "malformed on purpose: " + e.getMessage());
            throw e;
        }
    }
}
