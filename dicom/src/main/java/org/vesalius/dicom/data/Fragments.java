package org.vesalius.dicom.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The items of an encapsulated value (PS3.5 A.4): the Basic Offset Table first (possibly empty),
 * then the fragments of the compressed frames. Fragments are not frames: one frame may span
 * several fragments.
 *
 * <p>Each entry is either a {@code byte[]} (held in memory) or a {@link BulkDataRef}.
 * Encapsulated values are never byte-swapped.
 */
public final class Fragments {

    private final List<Object> items = new ArrayList<>();
    private boolean frozen;

    /** Creates an empty fragment list. */
    public Fragments() {
    }

    /** Appends a fragment held in memory. */
    public Fragments add(byte[] fragment) {
        checkMutable();
        items.add(fragment);
        return this;
    }

    /** Appends a fragment that stays where it was read. */
    public Fragments add(BulkDataRef fragment) {
        checkMutable();
        items.add(fragment);
        return this;
    }

    /** Number of items, including the Basic Offset Table. */
    public int size() {
        return items.size();
    }

    /** Item {@code index}: a {@code byte[]} or a {@link BulkDataRef}. */
    public Object get(int index) {
        return items.get(index);
    }

    /** The items, read-only. */
    public List<Object> items() {
        return Collections.unmodifiableList(items);
    }

    /** The length in bytes of item {@code index}, or -1 when it is a reference of unknown length. */
    public long lengthOf(int index) {
        Object item = items.get(index);
        return item instanceof byte[] bytes ? bytes.length : ((BulkDataRef) item).length();
    }

    void freeze() {
        frozen = true;
    }

    private void checkMutable() {
        if (frozen) {
            throw new UnsupportedOperationException("fragments are read-only");
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Fragments other) || other.items.size() != items.size()) {
            return false;
        }
        for (int i = 0; i < items.size(); i++) {
            if (!Values.equal(items.get(i), other.items.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return items.size();
    }

    @Override
    public String toString() {
        return "Fragments[" + items.size() + "]";
    }
}
