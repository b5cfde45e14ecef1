package org.vesalius.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.testsupport.samples.SharedSamples.Sample;

/**
 * Damaged input only ever yields {@link MalformedDicomException}: every sample truncated at 64
 * positions, with random bytes flipped, and with each length field (up to 64 per file) set to
 * 0xFFFFFFF0 (0xFFF0 for 16-bit fields). Input comes from a stream of unknown length, so the
 * reader cannot refuse big lengths up front and must grow buffers only as bytes arrive. The
 * timeout is a hang guard, not a performance threshold; memory is bounded by the test JVM's heap.
 */
class RobustnessTest {

    private static final int TRUNCATIONS = 64;
    private static final int FLIP_VARIANTS = 16;
    private static final int LENGTH_FIELDS = 64;

    static Stream<Sample> samples() {
        return SharedSamples.arguments();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void truncatedInputFailsCleanly(Sample sample) throws IOException {
        byte[] bytes = Files.readAllBytes(SharedSamples.require(sample).path());
        for (int i = 0; i < TRUNCATIONS; i++) {
            int cut = (int) ((long) bytes.length * i / TRUNCATIONS);
            parseExpectingOnlyTypedFailure(java.util.Arrays.copyOf(bytes, cut), sample + " cut at " + cut);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void flippedBytesFailCleanly(Sample sample) throws IOException {
        byte[] bytes = Files.readAllBytes(SharedSamples.require(sample).path());
        SplittableRandom random = new SplittableRandom(sample.name().hashCode());
        // Concentrate flips on the header region, where they change structure rather than pixels.
        int region = Math.min(bytes.length, 4096);
        for (int v = 0; v < FLIP_VARIANTS && region > 0; v++) {
            byte[] damaged = bytes.clone();
            for (int f = 0; f < 8; f++) {
                int at = random.nextInt(region);
                damaged[at] = (byte) random.nextInt(256);
            }
            parseExpectingOnlyTypedFailure(damaged, sample + " flip variant " + v);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void hostileLengthFieldsFailCleanly(Sample sample) throws IOException {
        byte[] bytes = Files.readAllBytes(SharedSamples.require(sample).path());
        List<int[]> fields = lengthFields(bytes);
        for (int[] field : fields) {
            byte[] damaged = bytes.clone();
            int at = field[0];
            if (field[1] == 4) {
                damaged[at] = (byte) 0xF0;
                damaged[at + 1] = damaged[at + 2] = damaged[at + 3] = (byte) 0xFF;
            } else {
                damaged[at] = (byte) 0xF0;
                damaged[at + 1] = (byte) 0xFF;
            }
            parseExpectingOnlyTypedFailure(damaged, sample + " length field at " + at);
        }
    }

    private static void parseExpectingOnlyTypedFailure(byte[] input, String what) {
        try {
            DicomReader.read(new ByteArrayInputStream(input), ReadOptions.DEFAULT);
        } catch (MalformedDicomException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        } catch (Throwable other) {
            fail(what + ": expected MalformedDicomException or success, got " + other, other);
        }
    }

    /**
     * Offsets and widths of the length fields of the first elements and items of a little-endian
     * file, found by parsing it (files that do not parse have none to damage).
     */
    private static List<int[]> lengthFields(byte[] bytes) {
        List<int[]> out = new ArrayList<>();
        try (DicomStreamReader reader = DicomStreamReader.open(new ByteArrayInputStream(bytes), ReadOptions.DEFAULT)) {
            if (reader.transferSyntax().bigEndian() || reader.transferSyntax().deflated()) {
                return out;
            }
            boolean explicit = reader.transferSyntax().explicitVR();
            while (out.size() < LENGTH_FIELDS) {
                DicomStreamReader.Token token = reader.next();
                if (token == DicomStreamReader.Token.END || token == DicomStreamReader.Token.STOPPED) {
                    break;
                }
                long header = reader.headerOffset();
                VR vr = reader.vr();
                switch (token) {
                    case ELEMENT, SEQUENCE_START, FRAGMENTS_START -> {
                        if (!explicit || vr == null) {
                            out.add(new int[] {(int) header + 4, 4});
                        } else if (vr.hasLongHeader()) {
                            out.add(new int[] {(int) header + 8, 4});
                        } else if (!Tag.isItemOrDelimiter(reader.tag())) {
                            out.add(new int[] {(int) header + 6, 2});
                        }
                    }
                    case ITEM_START, FRAGMENT -> out.add(new int[] {(int) header + 4, 4});
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            return out;
        }
        out.removeIf(f -> f[0] + f[1] > bytes.length);
        return out;
    }
}
