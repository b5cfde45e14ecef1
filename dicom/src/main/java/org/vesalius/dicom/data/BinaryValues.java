package org.vesalius.dicom.data;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/** Interpretation of little-endian binary values by VR. */
final class BinaryValues {

    private BinaryValues() {
    }

    static OptionalLong integerAt(byte[] raw, VR vr, int index) {
        int width = vr.bytesPerValue();
        int offset = index * width;
        if (width < 2 || offset < 0 || offset + width > raw.length) {
            return OptionalLong.empty();
        }
        return switch (vr) {
            case US, OW -> OptionalLong.of(LittleEndian.uint16(raw, offset));
            case SS -> OptionalLong.of((short) LittleEndian.uint16(raw, offset));
            case UL, OL -> OptionalLong.of(LittleEndian.int32(raw, offset) & 0xFFFFFFFFL);
            case SL -> OptionalLong.of(LittleEndian.int32(raw, offset));
            case SV, UV, OV -> OptionalLong.of(LittleEndian.int64(raw, offset));
            case AT -> OptionalLong.of(LittleEndian.tag(raw, offset) & 0xFFFFFFFFL);
            default -> OptionalLong.empty();
        };
    }

    static OptionalDouble doubleAt(byte[] raw, VR vr, int index) {
        int width = vr.bytesPerValue();
        int offset = index * width;
        if (width < 2 || offset < 0 || offset + width > raw.length) {
            return OptionalDouble.empty();
        }
        return switch (vr) {
            case FL, OF -> OptionalDouble.of(Float.intBitsToFloat(LittleEndian.int32(raw, offset)));
            case FD, OD -> OptionalDouble.of(Double.longBitsToDouble(LittleEndian.int64(raw, offset)));
            case UV -> OptionalDouble.of(unsigned64(LittleEndian.int64(raw, offset)));
            default -> {
                OptionalLong l = integerAt(raw, vr, index);
                yield l.isPresent() ? OptionalDouble.of(l.getAsLong()) : OptionalDouble.empty();
            }
        };
    }

    /** Formats every value of a binary element; OB/UN (and other byte streams) are not listed. */
    static String[] toStrings(byte[] raw, VR vr) {
        int width = vr.bytesPerValue();
        if (width <= 1) {
            return new String[0];
        }
        int n = raw.length / width;
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = switch (vr) {
                case FL, OF -> Float.toString(Float.intBitsToFloat(LittleEndian.int32(raw, i * 4)));
                case FD, OD -> Double.toString(Double.longBitsToDouble(LittleEndian.int64(raw, i * 8)));
                case UV, OV -> Long.toUnsignedString(LittleEndian.int64(raw, i * 8));
                case AT -> Tag.toHexString(LittleEndian.tag(raw, i * 4));
                default -> Long.toString(integerAt(raw, vr, i).orElse(0));
            };
        }
        return out;
    }

    private static double unsigned64(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }
}
