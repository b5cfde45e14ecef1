package org.vesalius.vna.server.durability;

/** Where the data set starts in a Part 10 file that has a File Meta Information Group Length. */
final class Part10Bytes {

    private Part10Bytes() {
    }

    /**
     * The offset of the data set: preamble (128), "DICM" (4), the group length element (12) and
     * the group length's value.
     *
     * @throws IllegalArgumentException when the bytes do not start like that
     */
    static int dataSetOffset(byte[] file) {
        if (file.length < 144 || file[128] != 'D' || file[129] != 'I' || file[130] != 'C' || file[131] != 'M'
                || file[132] != 2 || file[133] != 0 || file[134] != 0 || file[135] != 0 || file[136] != 'U' || file[137] != 'L') {
            throw new IllegalArgumentException("not a Part 10 file starting with a File Meta Information Group Length");
        }
        int groupLength = (file[140] & 0xFF) | (file[141] & 0xFF) << 8 | (file[142] & 0xFF) << 16 | (file[143] & 0xFF) << 24;
        return 144 + groupLength;
    }
}
