package org.vesalius.vna.archive.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads {@code [offset, offset + length)} of a file with positional reads, for adapters
 * (ranged reads on a filesystem, multipart upload parts from a spool file). Owns the channel.
 */
public final class FileRangeInputStream extends InputStream {

    private static final int TRANSFER_CHUNK = 256 * 1024;

    private final FileChannel channel;
    private final byte[] one = new byte[1];
    private long position;
    private final long end;

    /** Takes over {@code channel}: {@link #close()} closes it. */
    public FileRangeInputStream(FileChannel channel, long offset, long length) {
        this.channel = Objects.requireNonNull(channel, "channel");
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + ", " + length);
        }
        this.position = offset;
        this.end = offset + length;
    }

    /** Opens {@code file} for reading its {@code [offset, offset + length)}. */
    public static FileRangeInputStream open(Path file, long offset, long length) throws IOException {
        return new FileRangeInputStream(FileChannel.open(file, StandardOpenOption.READ), offset, length);
    }

    @Override
    public int read() throws IOException {
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        long remaining = end - position;
        if (remaining <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(b, off, (int) Math.min(len, remaining)), position);
        if (n < 0) {
            return -1; // the file got shorter than expected; the caller sees a short stream
        }
        position += n;
        return n;
    }

    /** Copies the rest in large reads: a whole instance goes out in few system calls. */
    @Override
    public long transferTo(OutputStream out) throws IOException {
        Objects.requireNonNull(out, "out");
        long start = position;
        byte[] buffer = new byte[(int) Math.max(1, Math.min(TRANSFER_CHUNK, end - position))];
        int n;
        while ((n = read(buffer, 0, buffer.length)) > 0) {
            out.write(buffer, 0, n);
        }
        return position - start;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, end - position));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
