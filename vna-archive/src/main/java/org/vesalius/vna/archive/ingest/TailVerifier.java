package org.vesalius.vna.archive.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.MalformedDicomException;
import org.vesalius.dicom.io.TruncatedDicomException;

/**
 * Checks, while the bytes stream past on their way to the blob store, that the part of a data set
 * the header parse did not read (Pixel Data and whatever follows it) is complete: every element
 * header whole, every defined length present, every undefined-length sequence, item and
 * encapsulated value closed by its delimiter. At the end of the input an incomplete object fails
 * the read with {@link TruncatedDicomException}, so the blob store discards it: a file cut short
 * inside its pixel data is refused instead of archived.
 *
 * <p>It reads element structure only, never values (pixel data is skipped by length), so it holds
 * a few dozen bytes of state whatever the object's size. The first {@code unchecked} bytes (File
 * Meta and the parsed header) pass unchecked. Lenient where the reader is: stray delimiters are
 * ignored, a sequence delimiter also closes an item whose delimiter is missing, zero bytes at the
 * end are padding.
 */
final class TailVerifier extends FilterInputStream {

    private static final int DATASET = 0;
    private static final int ITEMS = 1;
    private static final int ITEM = 2;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private long unchecked;
    private long position;
    private boolean finished;

    private int top;
    private int[] kinds = new int[16];
    private boolean[] explicit = new boolean[16];
    private boolean[] bigEndian = new boolean[16];
    private boolean[] probe = new boolean[16];

    private final byte[] header = new byte[12];
    private int headerLength;
    private int headerNeeded = 8;
    private long headerOffset;
    private long skip;
    private int lastTag = MalformedDicomException.NO_TAG;
    private boolean padding;

    /**
     * @param in         the whole stream as it will be stored
     * @param unchecked  how many bytes at its start to pass without checking
     * @param explicitVr the data set's VR encoding
     * @param bigEndian  the data set's byte order
     */
    TailVerifier(InputStream in, long unchecked, boolean explicitVr, boolean bigEndian) {
        super(in);
        this.unchecked = unchecked;
        this.position = unchecked;
        kinds[0] = DATASET;
        explicit[0] = explicitVr;
        this.bigEndian[0] = bigEndian;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n < 0) {
            if (!finished) {
                finished = true;
                finish();
            }
            return n;
        }
        int from = off;
        int count = n;
        if (unchecked > 0) {
            int passed = (int) Math.min(unchecked, count);
            unchecked -= passed;
            from += passed;
            count -= passed;
        }
        if (count > 0) {
            feed(b, from, count);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void feed(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (padding) {
                position += len;
                return;
            }
            if (skip > 0) {
                int k = (int) Math.min(skip, len);
                skip -= k;
                off += k;
                len -= k;
                position += k;
                continue;
            }
            if (headerLength == 0) {
                headerOffset = position;
                headerNeeded = 8;
            }
            int k = Math.min(headerNeeded - headerLength, len);
            System.arraycopy(b, off, header, headerLength, k);
            headerLength += k;
            off += k;
            len -= k;
            position += k;
            if (headerLength < headerNeeded) {
                continue;
            }
            if (headerNeeded == 8 && needsLongHeader()) {
                headerNeeded = 12;
                continue;
            }
            onHeader();
            headerLength = 0;
        }
    }

    private boolean needsLongHeader() {
        if (kinds[top] == ITEMS || group() == 0xFFFE) {
            return false;
        }
        if (probe[top]) {
            // A UN sequence's items are Implicit VR LE (CP-246) unless they show explicit VRs.
            explicit[top] = VR.ofCode(vrCode()) != null;
            probe[top] = false;
        }
        VR vr = explicit[top] ? VR.ofCode(vrCode()) : null;
        return vr != null && vr.hasLongHeader();
    }

    private void onHeader() throws MalformedDicomException {
        int tag = group() << 16 | element();
        if (kinds[top] == ITEMS) {
            if (tag == Tag.ITEM) {
                long length = u32(4);
                if (length == UNDEFINED) {
                    push(ITEM, explicit[top], bigEndian[top], probe[top]);
                } else {
                    skip = length;
                }
            } else if (tag == Tag.SEQUENCE_DELIMITATION) {
                top--;
            } else {
                throw new MalformedDicomException("expected an item or a sequence delimiter, found "
                        + Tag.toString(tag), headerOffset, lastTag);
            }
            return;
        }
        if (group() == 0xFFFE) {
            if (tag == Tag.ITEM_DELIMITATION && kinds[top] == ITEM) {
                top--;
            } else if (tag == Tag.SEQUENCE_DELIMITATION && kinds[top] == ITEM) {
                top -= 2;
            } else if (tag == Tag.ITEM) {
                throw new MalformedDicomException("item outside of a sequence", headerOffset, tag);
            }
            return; // a stray delimiter: ignored, as the reader does
        }
        if (top == 0 && tag == 0 && allZero()) {
            padding = true; // trailing zero padding
            return;
        }
        lastTag = tag;
        VR vr = explicit[top] ? VR.ofCode(vrCode()) : null;
        long length;
        if (vr == null) {
            length = u32(4);
        } else if (vr.hasLongHeader()) {
            length = u32(8);
        } else {
            length = u16(6);
        }
        if (length == UNDEFINED) {
            boolean un = vr == VR.UN;
            push(ITEMS, !un && explicit[top], !un && bigEndian[top], un);
        } else {
            skip = length;
        }
    }

    private void finish() throws TruncatedDicomException {
        if (padding || top == 0 && headerLength == 0 && skip == 0) {
            return;
        }
        long needed = skip > 0 ? skip : headerLength > 0 ? headerNeeded - headerLength : 8;
        throw new TruncatedDicomException(needed, position, lastTag);
    }

    private void push(int kind, boolean explicitVr, boolean big, boolean probeVr) throws MalformedDicomException {
        if (top + 1 >= 64) {
            throw new MalformedDicomException("sequences nested deeper than 64 levels", headerOffset, lastTag);
        }
        top++;
        if (top == kinds.length) {
            kinds = java.util.Arrays.copyOf(kinds, top * 2);
            explicit = java.util.Arrays.copyOf(explicit, top * 2);
            bigEndian = java.util.Arrays.copyOf(bigEndian, top * 2);
            probe = java.util.Arrays.copyOf(probe, top * 2);
        }
        kinds[top] = kind;
        explicit[top] = explicitVr;
        bigEndian[top] = big;
        probe[top] = probeVr;
    }

    private boolean allZero() {
        for (int i = 0; i < headerLength; i++) {
            if (header[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private int group() {
        return u16(0);
    }

    private int element() {
        return u16(2);
    }

    private int vrCode() {
        return (header[4] & 0xFF) << 8 | (header[5] & 0xFF);
    }

    private int u16(int at) {
        int a = header[at] & 0xFF;
        int b = header[at + 1] & 0xFF;
        return bigEndian[top] ? a << 8 | b : b << 8 | a;
    }

    private long u32(int at) {
        long lo = u16(at);
        long hi = u16(at + 2);
        return bigEndian[top] ? lo << 16 | hi : hi << 16 | lo;
    }
}
