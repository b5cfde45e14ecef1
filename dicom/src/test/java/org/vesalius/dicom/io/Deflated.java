package org.vesalius.dicom.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.vesalius.dicom.data.LittleEndian;

/** Test helpers for Part 10 files in a deflated transfer syntax. */
final class Deflated {

    private Deflated() {
    }

    /** Length of what follows the File Meta (found through its group length). */
    static int compressedBodyLength(byte[] file) {
        int metaStart = 132;
        int groupLength = LittleEndian.int32(file, metaStart + 8);
        return file.length - (metaStart + 12 + groupLength);
    }

    /** The inflated bytes from {@code start} on (raw deflate, or zlib-wrapped as some writers do). */
    static byte[] inflate(byte[] file, int start) throws IOException {
        try {
            return inflate(file, start, true);
        } catch (java.util.zip.ZipException e) {
            return inflate(file, start, false);
        }
    }

    private static byte[] inflate(byte[] file, int start, boolean nowrap) throws IOException {
        try (InflaterInputStream in = new InflaterInputStream(
                new ByteArrayInputStream(file, start, file.length - start), new Inflater(nowrap))) {
            return in.readAllBytes();
        }
    }
}
