package org.vesalius.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.image.PixelDescription;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.testsupport.samples.ImageBombs;

/**
 * Decompression and dimension bombs (issue 12, point 1) against the toolkit's decoders and the
 * transcoder: each is refused with {@link FrameSizeException} (or, before any byte is written,
 * {@link UnsupportedTranscodingException}) before anything of the claimed size is allocated.
 * Without the checks each of these ends in an {@link OutOfMemoryError} in a test JVM of the
 * usual heap.
 */
class DecompressionBombTest {

    private static final ImageBombs.Ids IDS = new ImageBombs.Ids("1.2.3.4", "1.2.3.4.1", "1.2.3.4.1.1");

    @Test
    void theRleBombIsAFewHundredBytesAndIsRefusedByEveryDecodingPath() throws Exception {
        byte[] file = ImageBombs.part10(IDS, ImageBombs.RLE, 32767, 32767, ImageBombs.rleFrame());
        assertThat(file.length).isLessThan(1024); // 602 bytes
        Dataset ds = read(file);
        PixelDescription d = PixelDescription.of(ds);
        assertThat(d.frameLength()).isEqualTo(32767L * 32767);

        assertThat(FrameDecoders.unsupported(ImageBombs.RLE, d)).hasValueSatisfying(why -> assertThat(why).contains("more than"));
        byte[] frame = (byte[]) ds.getFragments(Tag.PIXEL_DATA).get(1);
        FrameDecoder rle = FrameDecoders.of(ImageBombs.RLE).orElseThrow();
        assertThatThrownBy(() -> rle.decode(frame, d)).isInstanceOf(FrameSizeException.class).hasMessageContaining("1073676289 bytes");
        assertThatThrownBy(() -> Transcoder.transcodeFile(new ByteArrayInputStream(file), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                new ByteArrayOutputStream())).isInstanceOf(UnsupportedTranscodingException.class).hasMessageContaining("more than");
    }

    @Test
    void aJpegWhoseSofClaimsMoreThanTheDataSetIsRefusedBeforeItIsDecoded() throws Exception {
        byte[] jpeg = ImageBombs.jpegClaiming(20000, 20000);
        byte[] file = ImageBombs.part10(IDS, ImageBombs.JPEG_BASELINE, 16, 16, jpeg);
        assertThat(jpeg.length).isLessThan(700);
        Dataset ds = read(file);
        PixelDescription d = PixelDescription.of(ds);
        assertThat(FrameDecoders.unsupported(ImageBombs.JPEG_BASELINE, d)).isEmpty(); // 16 × 16 as far as the data set says

        FrameDecoder decoder = FrameDecoders.of(ImageBombs.JPEG_BASELINE).orElseThrow();
        assertThatThrownBy(() -> decoder.decode(jpeg, d)).isInstanceOf(FrameSizeException.class)
                .hasMessageContaining("20000 × 20000").hasMessageContaining("16 × 16");
        assertThatThrownBy(() -> Transcoder.transcodeFile(new ByteArrayInputStream(file), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                new ByteArrayOutputStream())).isInstanceOf(FrameSizeException.class);
        // What a sender asks before it sends anything: the header alone tells.
        assertThat(decoder.codestreamRefusal(jpeg, d))
                .hasValueSatisfying(why -> assertThat(why).contains("20000 × 20000"));
        byte[] honest = ImageBombs.jpegClaiming(16, 16);
        assertThat(decoder.codestreamRefusal(honest, d)).isEmpty();
        assertThat(FrameDecoders.of(ImageBombs.RLE).orElseThrow().codestreamRefusal(ImageBombs.rleFrame(), d)).isEmpty();
    }

    @Test
    void aJpegWhoseDataSetAgreesWithItsClaimIsRefusedByTheLimit() throws Exception {
        byte[] jpeg = ImageBombs.jpegClaiming(20000, 20000);
        PixelDescription d = PixelDescription.of(read(ImageBombs.part10(IDS, ImageBombs.JPEG_BASELINE, 20000, 20000, jpeg)));
        assertThat(FrameDecoders.unsupported(ImageBombs.JPEG_BASELINE, d)).isPresent();
        FrameDecoder decoder = FrameDecoders.of(ImageBombs.JPEG_BASELINE).orElseThrow();
        assertThatThrownBy(() -> decoder.decode(jpeg, d)).isInstanceOf(FrameSizeException.class).hasMessageContaining("400000000 bytes");
    }

    @Test
    void framesWithinTheirDeclaredSizeStillDecode() throws Exception {
        byte[] jpeg = ImageBombs.jpegClaiming(8, 8);
        PixelDescription j = PixelDescription.of(read(ImageBombs.part10(IDS, ImageBombs.JPEG_BASELINE, 8, 8, jpeg)));
        assertThat(FrameDecoders.of(ImageBombs.JPEG_BASELINE).orElseThrow().decode(jpeg, j)).hasSize(64);

        PixelDescription r = PixelDescription.of(read(ImageBombs.part10(IDS, ImageBombs.RLE, 16, 32, ImageBombs.rleFrame())));
        assertThat(FrameDecoders.of(ImageBombs.RLE).orElseThrow().decode(ImageBombs.rleFrame(), r)).hasSize(512).containsOnly(0);
    }

    @Test
    void theLimitIsPerFrameSoALargeMultiFrameObjectPasses() {
        // 1,000 frames of 1,024 × 1,024 × 16 bits: 2 GiB in all, 2 MiB a frame.
        PixelDescription multiFrame = new PixelDescription(1024, 1024, 1, 16, 12, 11, false, "MONOCHROME2", 0, 1000);
        assertThat(DecodeLimits.DEFAULT.refusal(multiFrame)).isEmpty();
        assertThat(FrameDecoders.unsupported(ImageBombs.RLE, multiFrame)).isEmpty();
        assertThat(new DecodeLimits(1L << 20).refusal(multiFrame)).isPresent();
    }

    private static Dataset read(byte[] file) throws Exception {
        DicomFile f = DicomReader.read(new ByteArrayInputStream(file), ReadOptions.DEFAULT);
        return f.dataset();
    }
}
