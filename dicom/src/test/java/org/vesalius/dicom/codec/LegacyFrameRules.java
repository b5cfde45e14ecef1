package org.vesalius.dicom.codec;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vesalius.dicom.data.LittleEndian;

/**
 * The two fragment-to-frame rules as they were before {@link FrameSplitter} became the only one
 * (commit 990df6f): the transcoder's streaming splitter and the archive's pixel data scan. Kept,
 * test-only, as the oracle that shows the merge left every shared sample's frames as they were.
 */
final class LegacyFrameRules {

    private LegacyFrameRules() {
    }

    /** The transcoder's rule: EOT, else BOT, as a set of starts; else RLE one each, else JPEG/J2K/JP2 markers. */
    static List<byte[]> streamed(String ts, int frames, byte[] bot, byte[] eot, List<byte[]> fragments) {
        Set<Long> starts = null;
        if (frames >= 2 && eot != null && eot.length >= 8L * frames) {
            starts = new HashSet<>();
            for (int i = 0; i < frames; i++) {
                starts.add(LittleEndian.int64(eot, 8 * i));
            }
        }
        if (starts == null && bot != null && bot.length >= 4L * frames && frames > 1) {
            starts = new HashSet<>();
            for (int i = 0; i < frames; i++) {
                starts.add(LittleEndian.int32(bot, 4 * i) & 0xFFFFFFFFL);
            }
        }
        boolean fragmentPerFrame = ts.equals("1.2.840.10008.1.2.5");
        List<byte[]> out = new ArrayList<>();
        ByteArrayOutputStream current = new ByteArrayOutputStream();
        long position = 0;
        for (byte[] data : fragments) {
            boolean starting = frames > 1 && current.size() > 0 && (starts != null ? starts.contains(position)
                    : fragmentPerFrame || oldCodestreamStart(data));
            if (starting) {
                out.add(current.toByteArray());
                current.reset();
            }
            current.writeBytes(data);
            position += 8 + data.length;
        }
        if (current.size() > 0) {
            out.add(current.toByteArray());
        }
        return out;
    }

    /** The archive's rule: one frame takes all; EOT, else BOT, by range; as many fragments as frames; else markers (JPEG XL too). */
    static List<byte[]> scanned(int frames, byte[] bot, byte[] eot, List<byte[]> fragments) {
        List<List<byte[]>> out = new ArrayList<>();
        if (frames == 1) {
            return List.of(concat(fragments));
        }
        List<Long> starts = null;
        if (eot != null && eot.length >= 8L * frames) {
            starts = new ArrayList<>();
            for (int i = 0; i < frames; i++) {
                starts.add(LittleEndian.int64(eot, i * 8));
            }
        } else if (bot != null && bot.length >= 4L * frames) {
            starts = new ArrayList<>();
            for (int i = 0; i < frames; i++) {
                starts.add(LittleEndian.int32(bot, i * 4) & 0xFFFFFFFFL);
            }
        }
        if (starts != null) {
            long[] offsets = new long[fragments.size()];
            for (int i = 1; i < offsets.length; i++) {
                offsets[i] = offsets[i - 1] + 8 + fragments.get(i - 1).length;
            }
            int f = 0;
            for (int i = 0; i < frames; i++) {
                long end = i + 1 < frames ? starts.get(i + 1) : Long.MAX_VALUE;
                List<byte[]> frame = new ArrayList<>();
                while (f < fragments.size() && offsets[f] < end) {
                    frame.add(fragments.get(f++));
                }
                out.add(frame);
            }
        } else if (fragments.size() == frames) {
            fragments.forEach(frag -> out.add(List.of(frag)));
        } else {
            List<byte[]> current = null;
            for (byte[] fragment : fragments) {
                // The archive's marker test was the one FrameSplitter now has, byte for byte.
                if (current == null || FrameSplitter.isCodestreamStart(fragment)) {
                    current = new ArrayList<>();
                    out.add(current);
                }
                current.add(fragment);
            }
            if (out.size() != frames) {
                return null; // it refused
            }
        }
        return out.stream().map(LegacyFrameRules::concat).toList();
    }

    /** The transcoder's marker test, which did not know JPEG XL. */
    private static boolean oldCodestreamStart(byte[] b) {
        int n = b.length;
        if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return true;
        }
        if (n >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0x4F && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x51) {
            return true;
        }
        return n >= 8 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0x0C && b[4] == 'j' && b[5] == 'P';
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
