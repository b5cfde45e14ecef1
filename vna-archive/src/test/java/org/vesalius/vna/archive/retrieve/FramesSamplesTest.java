package org.vesalius.vna.archive.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.vna.archive.api.ArchivedInstance;

/**
 * Every frame of every stored sample with pixel data, against the frame cut from the whole object
 * read into memory: native frames sliced by their size in bits (1-bit frames included, which do
 * not start on a byte), encapsulated ones one fragment per frame where the file says so. Frame 0
 * and the one after the last are refused.
 */
class FramesSamplesTest {

    @TempDir
    Path dir;

    static Stream<Path> samples() {
        return Samples.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyFrameIsTheSliceOfThePixelData(Path sample) throws IOException {
        Samples.require(sample);
        try (RetrieveFixture f = new RetrieveFixture(dir)) {
            ArchivedInstance stored = f.store(sample);
            assumeTrue(stored != null, "not archived");
            Dataset whole = DicomReader.read(sample).dataset();
            Object value = whole.getValue(Tags.PixelData);
            Optional<PixelData> found = f.retrieve.pixelData(stored.ref());
            assertThat(found.isPresent()).isEqualTo(value != null || whole.contains(Tags.FloatPixelData)
                    || whole.contains(Tags.DoubleFloatPixelData));
            assumeTrue(value != null, "no Pixel Data");
            PixelData p = found.get();
            int frames = numberOfFrames(whole);

            for (int i = 1; i <= p.numberOfFrames(); i++) {
                byte[] served;
                try (InputStream in = p.openFrame(i)) {
                    served = in.readAllBytes();
                }
                assertThat(served).hasSize((int) p.frameLength(i));
                byte[] expected = expectedFrame(whole, value, i, frames);
                if (expected != null) {
                    assertThat(served).as("frame " + i).isEqualTo(expected);
                }
            }
            int last = p.numberOfFrames();
            assertThatThrownBy(() -> p.openFrame(0)).isInstanceOf(FrameOutOfRangeException.class);
            assertThatThrownBy(() -> p.openFrame(last + 1)).isInstanceOf(FrameOutOfRangeException.class)
                    .hasMessageContaining("out of range");
            if (value instanceof byte[]) {
                assertThat(p.encapsulated()).isFalse();
            }
        }
    }

    private static int numberOfFrames(Dataset ds) {
        try {
            return Math.max(1, Integer.parseInt(ds.getString(Tags.NumberOfFrames, "1").strip()));
        } catch (NumberFormatException e) {
            return 1; // as the archive reads a garbled value
        }
    }

    /** The frame from the in-memory object, or null when the file alone does not say where it is. */
    static byte[] expectedFrame(Dataset ds, Object value, int frame, int frames) {
        if (value instanceof Fragments frags) {
            if (frames == 1) {
                return MetadataSamplesTest.expectedBytes(ds, org.vesalius.dicom.json.TagPath.of(Tags.PixelData));
            }
            return frags.size() - 1 == frames ? (byte[]) frags.get(frame) : null;
        }
        byte[] pixels = (byte[]) value;
        // Native 4:2:2 colour keeps two samples per pixel: the toolkit's description knows.
        long bitsPerFrame = org.vesalius.dicom.image.PixelDescription.of(ds).samplesPerFrame() * ds.getInt(Tags.BitsAllocated, 8);
        byte[] out = new byte[(int) ((bitsPerFrame + 7) / 8)];
        long first = (frame - 1) * bitsPerFrame;
        for (long b = 0; b < bitsPerFrame; b++) {
            long src = first + b;
            int bit = (pixels[(int) (src / 8)] >> (src % 8)) & 1;
            out[(int) (b / 8)] |= (byte) (bit << (b % 8));
        }
        return out;
    }
}
