package org.vesalius.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.testsupport.samples.SharedSamples.Sample;

/**
 * Compressed samples rewritten as Explicit VR Little Endian decode to the pixels of a reference:
 * JPEG Baseline against dcmtk's {@code dcmdjpeg} (same IJG decoder family; a difference of a unit
 * or two comes from the YCbCr to RGB rounding), JPEG 2000 against the uncompressed sibling the
 * samples carry (exact for the reversible ones; for the irreversible ones the sibling is a
 * reference decoder's output, so a small difference is allowed, bounded by PSNR).
 */
class DecoderDcmtkIT {

    @TempDir
    Path tmp;

    static Stream<Sample> jpegBaseline() {
        List<Sample> all = SharedSamples.all();
        return all.isEmpty() ? Stream.of((Sample) null)
                : all.stream().filter(s -> s.transferSyntaxUid().equals("1.2.840.10008.1.2.4.50") && !s.malformed());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jpegBaseline")
    void jpegBaselineDecodesAsDcmdjpegDoes(Sample sample) throws Exception {
        SharedSamples.require(sample);
        Dcmtk.require("dcmdjpeg");
        Path reference = tmp.resolve("dcmdjpeg.dcm");
        Dcmtk.Result r = Dcmtk.run(List.of("dcmdjpeg", "+te", sample.path().toString(), reference.toString()));
        assumeTrue(r.ok(), "dcmdjpeg cannot decode it: " + r.stderr());
        Dataset expected = DicomReader.read(reference).dataset();
        DicomFile ours = DicomReader.read(new ByteArrayInputStream(decode(sample.path())), org.vesalius.dicom.io.ReadOptions.DEFAULT);
        Dataset actual = ours.dataset();
        assertThat(ours.transferSyntax().uid()).isEqualTo(TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid());
        assertThat(actual.getString(Tags.PhotometricInterpretation)).isEqualTo(expected.getString(Tags.PhotometricInterpretation));
        byte[] e = expected.getBytes(Tags.PixelData);
        byte[] a = actual.getBytes(Tags.PixelData);
        if (expected.getInt(Tags.PlanarConfiguration, 0) == 1) {
            e = interleave(e, expected.getInt(Tags.Rows, 0) * expected.getInt(Tags.Columns, 0));
        }
        assertThat(a).hasSameSizeAs(e);
        Difference d = Difference.of(e, a, 8);
        System.out.printf("%s: max %d, mean %.4f, PSNR %.1f dB%n", sample, d.max(), d.mean(), d.psnr());
        assertThat(d.max()).as("largest sample difference").isLessThanOrEqualTo(2);
        assertThat(d.mean()).as("mean absolute difference").isLessThan(0.5);
    }

    @ParameterizedTest(name = "{0} against {1}")
    @CsvSource({
        "pydicom/test_files/MR_small_jp2klossless.dcm, pydicom/test_files/MR_small.dcm, 0",
        "pydicom-data/emri_small_jpeg_2k_lossless.dcm, pydicom-data/emri_small.dcm, 0",
        "pydicom-data/MR2_J2KR.dcm, pydicom-data/MR2_UNCR.dcm, 0",
        "pydicom-data/693_J2KR.dcm, pydicom-data/693_UNCR.dcm, 0",
        "pydicom-data/US1_J2KI.dcm, pydicom-data/US1_UNCI.dcm, 40",
        "pydicom-data/MR2_J2KI.dcm, pydicom-data/MR2_UNCI.dcm, 40",
        "pydicom-data/693_J2KI.dcm, pydicom-data/693_UNCI.dcm, 40",
        "pydicom/test_files/JPEG2000.dcm, pydicom-data/JPEG2000_UNC.dcm, 40",
        "pydicom/test_files/SC_rgb_gdcm_KY.dcm, pydicom-data/SC_rgb_gdcm2k_uncompressed.dcm, 40",
    })
    void jpeg2000DecodesToItsUncompressedSibling(String compressed, String uncompressed, double minPsnr) throws Exception {
        Path c = sample(compressed);
        Path u = sample(uncompressed);
        Dataset expected = DicomReader.read(u).dataset();
        Dataset actual = DicomReader.read(new ByteArrayInputStream(decode(c)), org.vesalius.dicom.io.ReadOptions.DEFAULT).dataset();
        byte[] e = expected.getBytes(Tags.PixelData);
        byte[] a = actual.getBytes(Tags.PixelData);
        assertThat(a).hasSameSizeAs(e);
        int bits = actual.getInt(Tags.BitsAllocated, 8);
        Difference d = Difference.of(e, a, bits);
        System.out.printf("%s: max %d, mean %.4f, PSNR %.1f dB%n", compressed, d.max(), d.mean(), d.psnr());
        if (minPsnr == 0) {
            assertThat(d.max()).as("reversible JPEG 2000 is lossless").isZero();
        } else {
            assertThat(d.psnr()).as("PSNR in dB").isGreaterThanOrEqualTo(minPsnr);
        }
    }

    @Test
    void twelveBitJpegIsRefusedWithItsReason() throws Exception {
        Path p = sample("pydicom/test_files/JPEG-lossy.dcm");
        assertThatThrownBy(() -> decode(p)).isInstanceOf(UnsupportedTranscodingException.class).hasMessageContaining("12-bit");
    }

    @Test
    void jpegLsIsRefusedWithItsReason() throws Exception {
        Path p = sample("pydicom/test_files/MR_small_jpeg_ls_lossless.dcm");
        assertThatThrownBy(() -> decode(p)).isInstanceOf(UnsupportedTranscodingException.class)
                .hasMessageContaining("1.2.840.10008.1.2.4.80 cannot be decoded");
    }

    @Test
    void rleDecodesToItsUncompressedSibling() throws Exception {
        for (String[] pair : new String[][] {{"pydicom/test_files/MR_small_RLE.dcm", "pydicom/test_files/MR_small.dcm"},
            {"pydicom-data/emri_small_RLE.dcm", "pydicom-data/emri_small.dcm"},
            {"pydicom/test_files/SC_rgb_rle_16bit_2frame.dcm", "pydicom-data/SC_rgb_16bit_2frame.dcm"}}) {
            byte[] e = DicomReader.read(sample(pair[1])).dataset().getBytes(Tags.PixelData);
            byte[] a = DicomReader.read(new ByteArrayInputStream(decode(sample(pair[0]))), org.vesalius.dicom.io.ReadOptions.DEFAULT).dataset().getBytes(Tags.PixelData);
            assertThat(a).as(pair[0]).isEqualTo(e);
        }
    }

    static byte[] decode(Path p) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(p)) {
            Transcoder.transcodeFile(in, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, out);
        }
        return out.toByteArray();
    }

    static Path sample(String relative) {
        return SharedSamples.require(relative);
    }

    private static byte[] interleave(byte[] planes, int pixels) {
        byte[] out = new byte[planes.length];
        int frames = planes.length / (3 * pixels);
        for (int f = 0; f < frames; f++) {
            int base = f * 3 * pixels;
            for (int p = 0; p < pixels; p++) {
                for (int s = 0; s < 3; s++) {
                    out[base + 3 * p + s] = planes[base + s * pixels + p];
                }
            }
        }
        return out;
    }

    /** Sample by sample differences of two native pixel values (8 or 16 bits, little endian). */
    record Difference(int max, double mean, double psnr) {
        static Difference of(byte[] expected, byte[] actual, int bits) {
            int step = bits > 8 ? 2 : 1;
            int n = expected.length / step;
            long sum = 0;
            double squares = 0;
            int max = 0;
            int peak = 0;
            for (int i = 0; i < n; i++) {
                int e = step == 2 ? (expected[2 * i] & 0xFF) | (expected[2 * i + 1] & 0xFF) << 8 : expected[i] & 0xFF;
                int a = step == 2 ? (actual[2 * i] & 0xFF) | (actual[2 * i + 1] & 0xFF) << 8 : actual[i] & 0xFF;
                int d = Math.abs(e - a);
                max = Math.max(max, d);
                peak = Math.max(peak, e);
                sum += d;
                squares += (double) d * d;
            }
            double mse = squares / n;
            double psnr = mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10((double) peak * peak / mse);
            return new Difference(max, (double) sum / n, psnr);
        }
    }
}
