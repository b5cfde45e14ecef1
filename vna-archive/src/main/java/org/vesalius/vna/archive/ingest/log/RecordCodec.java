package org.vesalius.vna.archive.ingest.log;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The on-disk frame of a record: {@code int length, int crc32c(payload), payload}, big-endian. The
 * payload is {@code byte version (1), long receivedMillis, long size, byte digestLength (0 or 32),
 * digest, then study, series, sop, blob key and source as (unsigned short length, UTF-8)}. A
 * record's position is not stored: it is the segment's first position plus its ordinal, so frames
 * can be encoded by each caller in parallel and the writer only concatenates them.
 */
final class RecordCodec {

    /** Frame header: length and CRC. */
    static final int HEADER = 8;
    /** No record of ours comes near this; a longer length is damage. */
    static final int MAX_PAYLOAD = 64 * 1024;
    private static final byte VERSION = 1;
    private static final HexFormat HEX = HexFormat.of();

    private RecordCodec() {
    }

    /** The whole frame of {@code e}. */
    static byte[] encode(LogEntry e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0);
            out.writeInt(0);
            out.writeByte(VERSION);
            out.writeLong(e.at().toEpochMilli());
            out.writeLong(e.size());
            byte[] digest = e.sha256Hex().isEmpty() ? new byte[0] : HEX.parseHex(e.sha256Hex());
            out.writeByte(digest.length);
            out.write(digest);
            for (String s : new String[] {e.study(), e.series(), e.sop(), e.blobKey(), e.source()}) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                if (utf8.length > 0xFFFF) {
                    throw new IllegalArgumentException("a log record field is too long: " + utf8.length + " bytes");
                }
                out.writeShort(utf8.length);
                out.write(utf8);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        byte[] frame = bytes.toByteArray();
        int length = frame.length - HEADER;
        CRC32C crc = new CRC32C();
        crc.update(frame, HEADER, length);
        ByteBuffer.wrap(frame).putInt(length).putInt((int) crc.getValue());
        return frame;
    }

    /** Whether {@code payload} is what the CRC in its frame says. */
    static boolean crcMatches(ByteBuffer payload, int crc) {
        CRC32C c = new CRC32C();
        c.update(payload.duplicate());
        return (int) c.getValue() == crc;
    }

    /**
     * Decodes a payload whose CRC matched.
     *
     * @throws IllegalArgumentException a payload of an unknown version or form
     */
    static LogEntry decode(ByteBuffer payload, long position) {
        try {
            ByteBuffer p = payload.duplicate();
            byte version = p.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown log record version " + version);
            }
            Instant at = Instant.ofEpochMilli(p.getLong());
            long size = p.getLong();
            int digestLength = p.get();
            if (digestLength != 0 && digestLength != 32) {
                throw new IllegalArgumentException("a digest of " + digestLength + " bytes");
            }
            byte[] digest = new byte[digestLength];
            p.get(digest);
            String[] s = new String[5];
            for (int i = 0; i < s.length; i++) {
                byte[] utf8 = new byte[Short.toUnsignedInt(p.getShort())];
                p.get(utf8);
                s[i] = new String(utf8, StandardCharsets.UTF_8);
            }
            return new LogEntry(position, s[0], s[1], s[2], s[3], HEX.formatHex(digest), size, s[4], at);
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("a log record shorter than its fields", e);
        }
    }
}
