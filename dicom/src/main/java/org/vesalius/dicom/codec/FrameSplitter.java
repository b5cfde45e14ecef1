package org.vesalius.dicom.codec;

import java.util.List;
import java.util.Objects;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.UID;

/**
 * Which fragments of encapsulated pixel data make which frame: the one rule of the toolkit, used
 * by the {@link Transcoder} as fragments stream past and by the archive when it locates frames in
 * a stored object. The means, in the order PS3.5 A.4 gives them:
 * <ol>
 *   <li>a single frame takes every fragment;</li>
 *   <li>the Extended Offset Table (7FE0,0001), then a Basic Offset Table with an entry per frame,
 *       say where each frame starts: a frame takes the fragments from its offset up to the next
 *       frame's (an offset that falls inside a fragment starts the frame at the next one);</li>
 *   <li>RLE Lossless: each fragment is a frame (PS3.5 G.2);</li>
 *   <li>otherwise a fragment that opens with a codestream marker starts a frame
 *       ({@link #isCodestreamStart}: JPEG and JPEG-LS SOI, JPEG 2000 SOC+SIZ, the JP2 signature
 *       box, JPEG XL codestream or container), which is how encoders without an offset table
 *       write them;</li>
 *   <li>and, when the whole list is known ({@link #frameStarts}), as many fragments as frames is
 *       one each, whatever they begin with (a syntax whose markers we do not know).</li>
 * </ol>
 * Only the fragments' lengths and first bytes are looked at. An instance is used for one pixel
 * data value, in fragment order; not thread-safe.
 */
public final class FrameSplitter {

    /**
     * How many of a fragment's first bytes {@link #next} needs to see to recognise a codestream
     * start; a shorter fragment is given whole.
     */
    public static final int HEAD_BYTES = 12;

    private final int numberOfFrames;
    private final long[] starts; // from an offset table, relative to the first fragment's item tag; else null
    private final boolean fragmentPerFrame;
    private long position;
    private int frame = -1;

    private FrameSplitter(int numberOfFrames, long[] starts, boolean fragmentPerFrame) {
        this.numberOfFrames = numberOfFrames;
        this.starts = starts;
        this.fragmentPerFrame = fragmentPerFrame;
    }

    /**
     * A splitter for one pixel data value.
     *
     * @param transferSyntaxUid   the syntax the pixel data is encoded in
     * @param numberOfFrames      Number of Frames (0028,0008); 1 when absent
     * @param basicOffsetTable    the value of the first item (empty or null when there is none);
     *                            used when it has an entry for every frame
     * @param extendedOffsetTable the Extended Offset Table's value, or null; used in preference
     *                            when it has an entry for every frame
     */
    public static FrameSplitter of(String transferSyntaxUid, int numberOfFrames, byte[] basicOffsetTable, byte[] extendedOffsetTable) {
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
        long[] starts = null;
        if (numberOfFrames > 1 && extendedOffsetTable != null && extendedOffsetTable.length >= 8L * numberOfFrames) {
            starts = new long[numberOfFrames];
            for (int i = 0; i < numberOfFrames; i++) {
                starts[i] = LittleEndian.int64(extendedOffsetTable, i * 8);
            }
        } else if (numberOfFrames > 1 && basicOffsetTable != null && basicOffsetTable.length >= 4L * numberOfFrames) {
            starts = new long[numberOfFrames];
            for (int i = 0; i < numberOfFrames; i++) {
                starts[i] = LittleEndian.int32(basicOffsetTable, i * 4) & 0xFFFFFFFFL;
            }
        }
        return new FrameSplitter(numberOfFrames, starts, transferSyntaxUid.equals(UID.RLELossless));
    }

    /**
     * The frame (0-based) the next fragment belongs to. Frames only ever advance; a jump of more
     * than one (possible with an offset table only) leaves the frames in between empty.
     *
     * @param length the fragment's value length
     * @param head   its first bytes: at least {@link #HEAD_BYTES}, or all of a shorter fragment
     */
    public int next(long length, byte[] head) {
        int f;
        if (frame < 0 || numberOfFrames <= 1) {
            f = 0;
        } else if (starts != null) {
            f = frame;
            while (f + 1 < numberOfFrames && position >= starts[f + 1]) {
                f++;
            }
        } else {
            f = fragmentPerFrame || isCodestreamStart(head) ? frame + 1 : frame;
        }
        position += 8 + length;
        frame = f;
        return f;
    }

    /** True when the frames come from an offset table: they are then exactly Number of Frames. */
    public boolean usesOffsetTable() {
        return starts != null;
    }

    /**
     * The whole rule over a complete list of fragments: for each frame, the index of its first
     * fragment. Frame {@code i} holds fragments {@code [starts[i], starts[i + 1])}, the last one
     * those up to the end; an offset table may leave a frame empty.
     *
     * @param heads each fragment's length and first bytes, in order
     * @return exactly {@code max(1, numberOfFrames)} indexes
     * @throws IllegalStateException the fragments do not tell where the frames begin (no offset
     *                               table, and neither the codestream starts nor the fragment count
     *                               match Number of Frames)
     */
    public static int[] frameStarts(String transferSyntaxUid, int numberOfFrames, byte[] basicOffsetTable, byte[] extendedOffsetTable,
            List<FragmentHead> heads) {
        int frames = Math.max(1, numberOfFrames);
        FrameSplitter splitter = of(transferSyntaxUid, frames, basicOffsetTable, extendedOffsetTable);
        int[] out = new int[frames];
        int seen = 0; // frames begun
        for (int i = 0; i < heads.size(); i++) {
            int f = splitter.next(heads.get(i).length(), heads.get(i).head());
            if (f >= frames) {
                seen = f + 1;
                break;
            }
            while (seen <= f) {
                out[seen++] = i;
            }
        }
        if (frames == 1 || splitter.usesOffsetTable()) {
            for (int f = seen; f < frames; f++) {
                out[f] = heads.size();
            }
            return out;
        }
        if (seen == frames) {
            return out;
        }
        if (heads.size() == frames) {
            for (int i = 0; i < frames; i++) {
                out[i] = i;
            }
            return out;
        }
        throw new IllegalStateException("cannot tell where the " + frames + " frames of this instance begin: " + heads.size()
                + " fragments, no offset table, " + (seen > frames ? "more than " + frames : String.valueOf(seen)) + " codestream starts");
    }

    /** What {@link #frameStarts} needs of a fragment: its value length and first bytes (see {@link #next}). */
    public record FragmentHead(long length, byte[] head) {
        public FragmentHead {
            Objects.requireNonNull(head, "head");
        }
    }

    /**
     * True when {@code b} opens with a codestream marker: JPEG and JPEG-LS SOI (FFD8), JPEG 2000
     * SOC followed by SIZ (FF4F FF51, HTJ2K too), the JP2 signature box, a JPEG XL codestream
     * (FF0A) or the JPEG XL container's signature box.
     */
    public static boolean isCodestreamStart(byte[] b) {
        int n = b.length;
        if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return true;
        }
        if (n >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0x4F && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x51) {
            return true;
        }
        if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0x0A) {
            return true;
        }
        return n >= 8 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0x0C
                && (b[4] == 'j' && b[5] == 'P' || b[4] == 'J' && b[5] == 'X' && b[6] == 'L');
    }
}
