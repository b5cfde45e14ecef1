package org.vesalius.dicom.data;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.vesalius.testsupport.samples.SharedSamples;

/**
 * Test helper only, not a parser: finds elements in the small Explicit VR Little Endian files
 * of {@code dicom-samples/pydicom/charset_files} by scanning the bytes for a tag followed by
 * its VR, which is unambiguous enough in those files.
 *
 * <p>The shared folder is located through the system property {@code vna.shared}; tests call
 * {@link #file(String)}, which skips them (through a JUnit assumption) when it is absent.
 */
final class CharsetSampleFiles {

    private final byte[] bytes;

    private CharsetSampleFiles(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Loads a file of {@code charset_files}, or skips the calling test when it is not there. */
    static CharsetSampleFiles file(String name) {
        Path path = SharedSamples.require("pydicom/charset_files/" + name);
        try {
            return new CharsetSampleFiles(Files.readAllBytes(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The value bytes of the first element with this tag and VR (short 2-byte length form),
     * or null when there is none.
     */
    byte[] value(int tag, VR vr) {
        int at = find(tag, vr, 0);
        return at < 0 ? null : valueAt(at);
    }

    /**
     * The values of the Specific Character Set in effect for the first element with the given
     * tag: the last (0008,0005) before it, which is the one of its item in the nested files.
     */
    String[] characterSetFor(int tag, VR vr) {
        int target = find(tag, vr, 0);
        int found = -1;
        for (int at = find(Tag.SPECIFIC_CHARACTER_SET, VR.CS, 0); at >= 0 && at < target;
                at = find(Tag.SPECIFIC_CHARACTER_SET, VR.CS, at + 1)) {
            found = at;
        }
        if (found < 0) {
            return new String[0];
        }
        return new String(valueAt(found), StandardCharsets.US_ASCII).split("\\\\", -1);
    }

    private byte[] valueAt(int headerStart) {
        int length = (bytes[headerStart + 6] & 0xFF) | (bytes[headerStart + 7] & 0xFF) << 8;
        int start = headerStart + 8;
        return Arrays.copyOfRange(bytes, start, start + length);
    }

    private int find(int tag, VR vr, int from) {
        byte[] header = {
            (byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8),
            (byte) vr.name().charAt(0), (byte) vr.name().charAt(1)
        };
        outer:
        for (int i = from; i + 8 <= bytes.length; i++) {
            for (int j = 0; j < header.length; j++) {
                if (bytes[i + j] != header[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
