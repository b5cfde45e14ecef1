package org.vesalius.vna.archive.dimse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.vesalius.vna.archive.api.failure.ArchiveException;

/**
 * A served data set on its way into a C-STORE sub-operation. The blob store reports some
 * failures unchecked ({@link ArchiveException}, {@link UncheckedIOException}); the toolkit
 * counts a failed sub-operation only for an {@link IOException}, and would end the whole retrieve
 * on anything else. Here they become the IOException they are.
 */
final class ServedDataSet extends FilterInputStream {

    ServedDataSet(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (ArchiveException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return in.read(b, off, len);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (ArchiveException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return in.skip(n);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (ArchiveException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            in.close();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (ArchiveException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
