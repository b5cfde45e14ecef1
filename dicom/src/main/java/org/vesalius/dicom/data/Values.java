package org.vesalius.dicom.data;

import java.util.Arrays;

/** Equality and emptiness of the value objects a {@link Dataset} holds. */
final class Values {

    static final byte[] EMPTY_BYTES = {};

    private Values() {
    }

    static boolean equal(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return a == null ? b == null : a.equals(b);
    }

    static boolean isEmpty(Object value) {
        return value == null
                || value instanceof byte[] bytes && bytes.length == 0
                || value instanceof Sequence seq && seq.isEmpty();
    }
}
