package org.vesalius.dicom.data;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The value of an SQ element: an ordered list of item datasets. Items know their parent dataset,
 * from which they inherit the Specific Character Set unless they declare their own.
 *
 * <p>The sequence remembers how it was encoded (defined or undefined length, and whether its items
 * were Implicit VR Little Endian inside an element read as UN), so that a bit-preserving writer can
 * emit it exactly as read.
 */
public final class Sequence extends AbstractList<Dataset> implements RandomAccess {

    private static final int FIRST_CAPACITY = 4;

    private Dataset parent;
    /** Null until the first item: an empty sequence costs one small object (hostile headers hold millions). */
    private List<Dataset> items;
    private final int initialCapacity;
    private boolean undefinedLength = true;
    private boolean implicitLittleEndianItems;

    /** An empty sequence, not yet held by a dataset (see {@link Dataset#set}). */
    public Sequence(int initialCapacity) {
        this.initialCapacity = Math.max(initialCapacity, 0);
    }

    void attachTo(Dataset holder) {
        if (parent != null && parent != holder) {
            throw new IllegalArgumentException("sequence already belongs to another dataset");
        }
        parent = holder;
        if (items != null) {
            for (Dataset item : items) {
                item.attachTo(holder);
            }
        }
    }

    /** The dataset that holds this sequence, or null before it is set into one. */
    public Dataset parent() {
        return parent;
    }

    @Override
    public Dataset get(int index) {
        if (items == null) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for length 0");
        }
        return items.get(index);
    }

    @Override
    public int size() {
        return items == null ? 0 : items.size();
    }

    /** Appends a new, empty item and returns it. The item allocates room for elements on its first one. */
    public Dataset addItem() {
        Dataset item = new Dataset(parent, 0);
        add(item);
        return item;
    }

    @Override
    public void add(int index, Dataset item) {
        checkMutable();
        item.attachTo(parent);
        if (items == null) {
            items = new ArrayList<>(initialCapacity > 0 ? initialCapacity : FIRST_CAPACITY);
        }
        items.add(index, item);
    }

    @Override
    public Dataset set(int index, Dataset item) {
        checkMutable();
        item.attachTo(parent);
        if (items == null) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for length 0");
        }
        return items.set(index, item);
    }

    @Override
    public Dataset remove(int index) {
        checkMutable();
        if (items == null) {
            throw new IndexOutOfBoundsException("index " + index + " out of bounds for length 0");
        }
        return items.remove(index);
    }

    /** True when the sequence was read (or should be written) with undefined length. */
    public boolean undefinedLength() {
        return undefinedLength;
    }

    /** Records whether the sequence was encoded with undefined length. */
    public void setUndefinedLength(boolean undefinedLength) {
        checkMutable();
        this.undefinedLength = undefinedLength;
    }

    /**
     * True when the items were encoded in Implicit VR Little Endian regardless of the transfer
     * syntax: the case of an element with VR UN and undefined length (PS3.5 6.2.2, CP-246).
     */
    public boolean implicitLittleEndianItems() {
        return implicitLittleEndianItems;
    }

    /** Records that the items are Implicit VR Little Endian (see {@link #implicitLittleEndianItems()}). */
    public void setImplicitLittleEndianItems(boolean value) {
        checkMutable();
        this.implicitLittleEndianItems = value;
    }

    void freeze() {
        for (int i = 0; i < size(); i++) {
            items.get(i).freeze();
        }
    }

    private void checkMutable() {
        if (parent != null && parent.isFrozen()) {
            throw new UnsupportedOperationException("sequence is read-only");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sequence other && size() == other.size() && (size() == 0 || items.equals(other.items));
    }

    @Override
    public int hashCode() {
        return size();
    }
}
