package org.vesalius.dicom.tool.synthetic;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * UIDs that depend only on the seed and on what they name: {@code 2.25.} followed by a name-based
 * UUID as a decimal number (PS3.5 B.2), so the same seed gives the same UIDs on every run and
 * different seeds give data sets that can be stored side by side.
 */
final class SyntheticUids {

    private final long seed;

    SyntheticUids(long seed) {
        this.seed = seed;
    }

    String study(int study) {
        return uid("study/" + study);
    }

    String series(int study, int series) {
        return uid("series/" + study + "/" + series);
    }

    String instance(int study, int series, int instance) {
        return uid("instance/" + study + "/" + series + "/" + instance);
    }

    String frameOfReference(int study) {
        return uid("frame-of-reference/" + study);
    }

    private String uid(String name) {
        UUID uuid = UUID.nameUUIDFromBytes(("vesalius-synthetic/" + seed + "/" + name).getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, bytes);
    }
}
