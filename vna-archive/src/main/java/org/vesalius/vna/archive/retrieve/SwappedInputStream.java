package org.vesalius.vna.archive.retrieve;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.vesalius.dicom.data.LittleEndian;

/**
 * Reverses the byte order of each {@code unit}-byte word of a stream that starts on a word
 * boundary: big endian values served little endian, as DICOMweb's octet-stream bulk data and
 * frames are (Explicit VR Little Endian unless asked otherwise).
 */
final class SwappedInputStream extends FilterInputStream {

    private final int unit;
    private final byte[] word;
    private int wordLength;
    private int wordAt;

    SwappedInputStream(InputStream in, int unit) {
        super(in);
        this.unit = unit;
        this.word = new byte[unit];
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n <= 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (wordAt < wordLength) {
            int n = Math.min(len, wordLength - wordAt);
            System.arraycopy(word, wordAt, b, off, n);
            wordAt += n;
            return n;
        }
        if (len < unit) {
            wordLength = in.readNBytes(word, 0, unit);
            if (wordLength == 0) {
                return -1;
            }
            LittleEndian.swap(word, 0, wordLength, unit);
            wordAt = 0;
            return read(b, off, len);
        }
        int want = len - len % unit;
        int n = in.readNBytes(b, off, want);
        if (n == 0) {
            return -1;
        }
        LittleEndian.swap(b, off, n, unit); // a final partial word (an odd length) stays as it is
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("not skippable");
    }
}
