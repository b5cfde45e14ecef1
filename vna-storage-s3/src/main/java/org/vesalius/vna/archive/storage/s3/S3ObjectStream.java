package org.vesalius.vna.archive.storage.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The body of a GET. Closing it before the end aborts the HTTP connection instead of reading
 * (possibly gigabytes of) the rest to reuse it. SDK failures while reading, such as a checksum
 * mismatch detected at the end, surface as {@link IOException}, the stream's contract.
 */
final class S3ObjectStream extends FilterInputStream {

    private final ResponseInputStream<?> response;
    private boolean eof;

    S3ObjectStream(ResponseInputStream<?> response) {
        super(response);
        this.response = response;
    }

    @Override
    public int read() throws IOException {
        try {
            int b = super.read();
            eof |= b < 0;
            return b;
        } catch (SdkException e) {
            throw new IOException("reading the object from S3 failed: " + e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            int n = super.read(b, off, len);
            eof |= n < 0;
            return n;
        } catch (SdkException e) {
            throw new IOException("reading the object from S3 failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (!eof) {
            response.abort();
        }
        super.close();
    }
}
