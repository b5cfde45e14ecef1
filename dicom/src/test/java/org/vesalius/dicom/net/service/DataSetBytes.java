package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;

/**
 * The data set part of a Part 10 file: what follows the preamble, "DICM" and the File Meta group,
 * found the way the checks' {@code dataset_bytes.py} finds it (independently of the toolkit's
 * reader, so that a test does not grade the code with itself).
 */
final class DataSetBytes {

    private static final Set<String> LONG_HEADER = Set.of("OB", "OW", "OF", "SQ", "UT", "UN", "UC", "UR", "OD", "OL",
            "OV", "SV", "UV");

    private DataSetBytes() {
    }

    static byte[] of(Path file) throws IOException {
        return of(Files.readAllBytes(file));
    }

    static byte[] of(byte[] b) {
        int off = b.length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M' ? 132 : 0;
        if (off == 0) {
            return b;
        }
        while (off + 8 <= b.length && u16(b, off) == 0x0002) {
            String vr = new String(b, off + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
            if (LONG_HEADER.contains(vr)) {
                off += 12 + (int) u32(b, off + 8);
            } else {
                off += 8 + u16(b, off + 6);
            }
        }
        return Arrays.copyOfRange(b, off, b.length);
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
