package org.vesalius.vna.archive.dicomweb;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies exactly {@code count} bytes (a byte range); a source that ends first is an error. */
record BoundedCopy(long count) {

    void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = count;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException(left + " bytes of the range missing");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }
}
