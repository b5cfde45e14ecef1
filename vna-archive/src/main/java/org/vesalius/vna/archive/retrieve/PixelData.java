package org.vesalius.vna.archive.retrieve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Enumeration;
import java.util.List;
import java.util.NoSuchElementException;
import org.vesalius.vna.archive.api.retrieve.Frames;

/**
 * Where an instance's frames are in its stored object, and how to read one: native frames are a
 * slice of the pixel data value (served little endian, 1-bit frames realigned to a byte), an
 * encapsulated frame is its fragments' bytes, concatenated, as stored. Pixel data is read by range
 * from the store, never whole. Immutable.
 */
public final class PixelData implements Frames {

    /** A fragment of encapsulated pixel data: where its value is in the data set. */
    record Fragment(long offset, long length) {
    }

    private final StoredRegion region;
    private final String version;
    private final String transferSyntaxUid;
    private final int rows;
    private final int columns;
    private final int samplesPerPixel;
    private final int bitsAllocated;
    private final int numberOfFrames;
    // native
    private final long valueOffset;
    private final long valueLength;
    private final long frameBits;
    private final int swapUnit;
    // encapsulated, one list of fragments per frame
    private final List<List<Fragment>> frames;

    private PixelData(StoredRegion region, String version, String transferSyntaxUid, int rows, int columns, int samplesPerPixel, int bitsAllocated,
            int numberOfFrames, long valueOffset, long valueLength, long frameBits, int swapUnit, List<List<Fragment>> frames) {
        this.region = region;
        this.version = version;
        this.transferSyntaxUid = transferSyntaxUid;
        this.rows = rows;
        this.columns = columns;
        this.samplesPerPixel = samplesPerPixel;
        this.bitsAllocated = bitsAllocated;
        this.numberOfFrames = numberOfFrames;
        this.valueOffset = valueOffset;
        this.valueLength = valueLength;
        this.frameBits = frameBits;
        this.swapUnit = swapUnit;
        this.frames = frames;
    }

    /** @param storedSamples samples per pixel as laid out (2 for native 4:2:2 colour, else {@code samples}) */
    static PixelData ofNative(StoredRegion region, String version, String ts, int rows, int columns, int samples, int storedSamples,
            int bitsAllocated, int frames, long valueOffset, long valueLength, int swapUnit) {
        long frameBits = (long) rows * columns * storedSamples * bitsAllocated;
        int present = frameBits <= 0 ? 0 : (int) Math.min(frames, valueLength * 8 / frameBits);
        return new PixelData(region, version, ts, rows, columns, samples, bitsAllocated, present, valueOffset, valueLength, frameBits,
                swapUnit, null);
    }

    static PixelData ofEncapsulated(StoredRegion region, String version, String ts, int rows, int columns, int samples, int bitsAllocated,
            List<List<Fragment>> frames) {
        return new PixelData(region, version, ts, rows, columns, samples, bitsAllocated, frames.size(), -1, -1, -1, 0, List.copyOf(frames));
    }

    /**
     * Identifies the stored object the frames come from (its key and SHA-256): what an entity tag
     * for a frame is built on. The journal never changes pixel data, only a new version of the
     * instance does.
     */
    public String version() {
        return version;
    }

    /** The frames there are (Number of Frames, or fewer when the stored value is shorter). */
    public int numberOfFrames() {
        return numberOfFrames;
    }

    /** True when the pixel data is compressed (encapsulated); frames are then served as stored. */
    public boolean encapsulated() {
        return frames != null;
    }

    /** The stored transfer syntax: what an encapsulated frame is encoded in. */
    public String transferSyntaxUid() {
        return transferSyntaxUid;
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public int samplesPerPixel() {
        return samplesPerPixel;
    }

    public int bitsAllocated() {
        return bitsAllocated;
    }

    /**
     * Bytes of frame {@code frame} (1-based) as {@link #openFrame} serves them.
     *
     * @throws FrameOutOfRangeException no such frame
     */
    public long frameLength(int frame) {
        check(frame);
        if (encapsulated()) {
            return frames.get(frame - 1).stream().mapToLong(Fragment::length).sum();
        }
        return (frameBits + 7) / 8;
    }

    /**
     * Frame {@code frame} (1-based): native pixels in little endian, or the compressed bitstream
     * as stored.
     *
     * @throws FrameOutOfRangeException no such frame
     */
    public InputStream openFrame(int frame) {
        check(frame);
        if (encapsulated()) {
            return fragments(frames.get(frame - 1));
        }
        long firstBit = (frame - 1) * frameBits;
        long bytes = (frameBits + 7) / 8;
        if (frameBits % 8 == 0) {
            long offset = firstBit / 8;
            if (swapUnit <= 1 || offset % swapUnit == 0 && bytes % swapUnit == 0) {
                return region.open(valueOffset + offset, bytes, swapUnit);
            }
            // A frame that starts or ends inside a big endian word: swap the words around it in memory.
            long from = offset - offset % swapUnit;
            long to = Math.min(valueLength, (offset + bytes + swapUnit - 1) / swapUnit * swapUnit);
            byte[] words = readAll(region.open(valueOffset + from, to - from, swapUnit));
            return new ByteArrayInputStream(words, (int) (offset - from), (int) bytes);
        }
        // 1-bit frames are packed without padding (PS3.5 8.1.1): shift this one onto a byte boundary
        // and clear the bits of the next frame in its last byte.
        long from = firstBit / 8;
        long to = Math.min(valueLength, (firstBit + frameBits + 7) / 8);
        int unit = Math.max(swapUnit, 1);
        long aligned = from - from % unit;
        byte[] words = readAll(region.open(valueOffset + aligned, to - aligned, swapUnit));
        byte[] packed = java.util.Arrays.copyOfRange(words, (int) (from - aligned), words.length);
        int shift = (int) (firstBit % 8);
        byte[] out = new byte[(int) bytes];
        for (int i = 0; i < out.length; i++) {
            int lo = (packed[i] & 0xFF) >>> shift;
            int hi = i + 1 < packed.length ? (packed[i + 1] & 0xFF) << (8 - shift) : 0;
            out[i] = (byte) (lo | hi);
        }
        int tail = (int) (frameBits % 8);
        if (tail != 0) {
            out[out.length - 1] &= (byte) ((1 << tail) - 1);
        }
        return new ByteArrayInputStream(out);
    }

    /** Native pixel data: the whole value, little endian. */
    InputStream openValue() {
        return region.open(valueOffset, valueLength, swapUnit);
    }

    long valueLength() {
        return valueLength;
    }

    private void check(int frame) {
        if (frame < 1 || frame > numberOfFrames) {
            throw new FrameOutOfRangeException("frame " + frame + " is out of range: the instance has "
                    + numberOfFrames + (numberOfFrames == 1 ? " frame" : " frames"));
        }
    }

    /** The fragments, each opened only when the previous one has been read. */
    private InputStream fragments(List<Fragment> list) {
        Enumeration<InputStream> e = new Enumeration<>() {
            int next;

            @Override
            public boolean hasMoreElements() {
                return next < list.size();
            }

            @Override
            public InputStream nextElement() {
                if (next >= list.size()) {
                    throw new NoSuchElementException();
                }
                Fragment f = list.get(next++);
                return region.open(f.offset(), f.length());
            }
        };
        return new SequenceInputStream(e);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
