package org.vesalius.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.codec.FrameSplitter.FragmentHead;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.BulkDataDescriptor;
import org.vesalius.dicom.io.DatasetBuilder;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.testsupport.samples.SharedSamples.Sample;

/**
 * Every encapsulated shared sample is split into the same frames, byte for byte, as the two rules
 * {@link FrameSplitter} replaced ({@link LegacyFrameRules}) split it where they agreed; where they
 * did not, the new rule gives the archive's answer (the one retrieval served).
 */
class FrameSplitterSamplesTest {

    private static final long MAX_SAMPLE = 64L << 20;

    record Encapsulated(String ts, int frames, byte[] bot, byte[] eot, List<byte[]> fragments) {
    }

    @Test
    void framesAndTheirBytesAreThoseTheOldRulesAgreedOn() throws IOException {
        SharedSamples.requireDir();
        int compared = 0;
        int multiFrame = 0;
        List<String> disagreed = new ArrayList<>();
        for (Sample sample : SharedSamples.all()) {
            if (sample.malformed() || Files.size(sample.path()) > MAX_SAMPLE) {
                continue;
            }
            Encapsulated e = read(sample);
            if (e == null) {
                continue;
            }
            List<byte[]> streamed = LegacyFrameRules.streamed(e.ts(), e.frames(), e.bot(), e.eot(), e.fragments());
            List<byte[]> scanned = LegacyFrameRules.scanned(e.frames(), e.bot(), e.eot(), e.fragments());
            List<byte[]> now = split(e);
            if (scanned == null) {
                assertThat(now).as(sample.name() + ": refused before, refused now").isNull();
                continue;
            }
            if (sameFrames(streamed, scanned)) {
                compared++;
                multiFrame += e.frames() > 1 ? 1 : 0;
                assertThat(sameFrames(now, scanned)).as(sample.name() + ": frames as both old rules had them").isTrue();
            } else {
                disagreed.add(sample.name() + " (" + streamed.size() + " vs " + scanned.size() + " frames)");
                assertThat(sameFrames(now, scanned)).as(sample.name() + ": frames as retrieval served them").isTrue();
            }
        }
        System.out.printf("frame split: %d encapsulated samples compared (%d multi-frame); old rules disagreed on %s%n", compared,
                multiFrame, disagreed);
        assertThat(compared).as("encapsulated samples compared").isGreaterThan(20);
        assertThat(multiFrame).as("multi-frame encapsulated samples compared").isGreaterThan(3);
    }

    /** The frames by the one rule, or null when it refuses. */
    private static List<byte[]> split(Encapsulated e) {
        List<FragmentHead> heads = e.fragments().stream()
                .map(f -> new FragmentHead(f.length, Arrays.copyOf(f, Math.min(f.length, FrameSplitter.HEAD_BYTES)))).toList();
        int[] starts;
        try {
            starts = FrameSplitter.frameStarts(e.ts(), e.frames(), e.bot(), e.eot(), heads);
        } catch (IllegalStateException refused) {
            return null;
        }
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < starts.length; i++) {
            int end = i + 1 < starts.length ? starts[i + 1] : heads.size();
            out.add(LegacyFrameRules.concat(e.fragments().subList(starts[i], Math.max(starts[i], end))));
        }
        // The streaming use gives the same frames (empty ones aside, which a decoder refuses anyway).
        FrameSplitter streaming = FrameSplitter.of(e.ts(), e.frames(), e.bot(), e.eot());
        List<List<byte[]>> streamed = new ArrayList<>();
        for (byte[] fragment : e.fragments()) {
            int f = streaming.next(fragment.length, fragment);
            while (streamed.size() <= f) {
                streamed.add(new ArrayList<>());
            }
            streamed.get(f).add(fragment);
        }
        for (int i = 0; i < streamed.size(); i++) {
            assertThat(LegacyFrameRules.concat(streamed.get(i))).isEqualTo(out.get(i));
        }
        return out;
    }

    private static boolean sameFrames(List<byte[]> a, List<byte[]> b) {
        if (a == null || b == null || a.size() != b.size()) {
            return a == b;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The sample's encapsulated pixel data, or null when it has none (or cannot be read). */
    private static Encapsulated read(Sample sample) {
        List<byte[]> items = new ArrayList<>();
        BulkDataDescriptor pixelData = (depth, tag, vr, length) -> depth == 0 && tag == Tags.PixelData;
        ReadOptions options = ReadOptions.DEFAULT.withBulkData(pixelData, (value, in) -> {
            if (value.fragment() >= 0) {
                items.add(in.readAllBytes());
            }
            return null;
        });
        Dataset ds = new Dataset();
        String ts;
        try (DicomStreamReader reader = DicomStreamReader.open(sample.path(), options)) {
            DatasetBuilder.build(reader, ds);
            ts = reader.transferSyntax().uid();
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
        if (items.isEmpty()) {
            return null;
        }
        int frames;
        try {
            frames = Math.max(1, Integer.parseInt(ds.getString(Tags.NumberOfFrames, "1").strip()));
        } catch (NumberFormatException e) {
            frames = 1;
        }
        return new Encapsulated(ts, frames, items.get(0), ds.getBytes(Tags.ExtendedOffsetTable), items.subList(1, items.size()));
    }
}
