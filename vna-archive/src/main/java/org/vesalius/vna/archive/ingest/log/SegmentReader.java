package org.vesalius.vna.archive.ingest.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the frames of a segment file in order, stopping at the first that is incomplete (a torn
 * tail) or damaged (bad length or CRC, or an undecodable payload).
 */
final class SegmentReader {

    /** What a read found: whole records up to {@code goodBytes}; {@code damage} says why it stopped early, or null. */
    record Result(int records, long goodBytes, String damage) {
    }

    /** Receives each whole record with its offset. */
    interface Visitor {
        void record(LogEntry entry, int offset, int frameLength) throws IOException;
    }

    private SegmentReader() {
    }

    /**
     * Reads {@code file} from {@code from} to {@code limit} (or its end when negative), numbering
     * records from {@code firstPosition}.
     */
    static Result read(Path file, long firstPosition, long from, long limit, Visitor visitor) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = limit < 0 ? ch.size() : Math.min(limit, ch.size());
            ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
            ch.position(from);
            buffer.limit(0);
            long offset = from;
            int records = 0;
            long position = firstPosition;
            while (offset < end) {
                if (!ensure(ch, buffer, RecordCodec.HEADER, end - offset)) {
                    return new Result(records, offset, "torn record header at byte " + offset);
                }
                int length = buffer.getInt(buffer.position());
                int crc = buffer.getInt(buffer.position() + 4);
                if (length <= 0 || length > RecordCodec.MAX_PAYLOAD) {
                    return new Result(records, offset, "impossible record length " + length + " at byte " + offset);
                }
                int frame = RecordCodec.HEADER + length;
                if (buffer.capacity() < frame) {
                    buffer = grow(buffer, frame);
                }
                if (!ensure(ch, buffer, frame, end - offset)) {
                    return new Result(records, offset, "torn record at byte " + offset);
                }
                ByteBuffer payload = buffer.slice(buffer.position() + RecordCodec.HEADER, length);
                if (!RecordCodec.crcMatches(payload, crc)) {
                    return new Result(records, offset, "CRC mismatch at byte " + offset);
                }
                LogEntry entry;
                try {
                    entry = RecordCodec.decode(payload, position);
                } catch (IllegalArgumentException e) {
                    return new Result(records, offset, e.getMessage() + " at byte " + offset);
                }
                visitor.record(entry, (int) offset, frame);
                buffer.position(buffer.position() + frame);
                offset += frame;
                records++;
                position++;
            }
            return new Result(records, offset, null);
        }
    }

    /** Whether {@code n} bytes are in the buffer after reading more (never beyond {@code left} bytes from the cursor). */
    private static boolean ensure(FileChannel ch, ByteBuffer buffer, int n, long left) throws IOException {
        if (n > left) {
            return false;
        }
        if (buffer.remaining() >= n) {
            return true;
        }
        buffer.compact();
        while (buffer.position() < n) {
            if (ch.read(buffer) < 0) {
                buffer.flip();
                return false;
            }
        }
        buffer.flip();
        return true;
    }

    private static ByteBuffer grow(ByteBuffer buffer, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, buffer.capacity() * 2));
        bigger.put(buffer);
        bigger.flip();
        return bigger;
    }
}
