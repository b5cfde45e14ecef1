package org.vesalius.dicom.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Set;

/**
 * Puts the fragments of encapsulated pixel data back into frames as they stream past, in the
 * order PS3.5 A.4 gives the means: a single frame takes every fragment; the Extended Offset
 * Table, then a non-empty Basic Offset Table, give where frames start; else a fragment that opens
 * with a codestream marker (JPEG SOI, JPEG 2000 SOC or JP2 signature) starts a frame, and for RLE
 * each fragment is a frame. Only the frame being assembled is held.
 */
final class FrameSplitter {

    /** Receives each complete frame. */
    interface FrameSink {
        void frame(byte[] frame) throws IOException;
    }

    private final int frames;
    private final Set<Long> starts;
    private final boolean fragmentPerFrame;
    private final FrameSink sink;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private long position;
    private int emitted;

    /**
     * @param starts           where frames start, relative to the first fragment's item tag (offset
     *                         tables); null when there is no table
     * @param fragmentPerFrame each fragment is a frame (RLE)
     */
    FrameSplitter(int frames, Set<Long> starts, boolean fragmentPerFrame, FrameSink sink) {
        this.frames = frames;
        this.starts = starts;
        this.fragmentPerFrame = fragmentPerFrame;
        this.sink = sink;
    }

    void fragment(byte[] data) throws IOException {
        boolean starting = frames > 1 && current.size() > 0 && (starts != null ? starts.contains(position)
                : fragmentPerFrame || isCodestreamStart(data));
        if (starting) {
            emit();
        }
        current.write(data);
        position += 8 + data.length;
    }

    /** Hands on the last frame; returns how many frames there were. */
    int finish() throws IOException {
        if (current.size() > 0) {
            emit();
        }
        return emitted;
    }

    private void emit() throws IOException {
        byte[] frame = current.toByteArray();
        current.reset();
        emitted++;
        sink.frame(frame);
    }

    static boolean isCodestreamStart(byte[] b) {
        int n = b.length;
        if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return true;
        }
        if (n >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0x4F && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x51) {
            return true;
        }
        return n >= 8 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0x0C && b[4] == 'j' && b[5] == 'P';
    }
}
