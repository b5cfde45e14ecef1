package org.vesalius.dicom.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A DICOM data set: elements sorted by tag, each with its VR and value.
 *
 * <p>Storage is three parallel arrays ({@code int[]} tags, {@code VR[]}, {@code Object[]}
 * values) searched by binary search, so a parsed element costs no object besides its value, and a
 * parser that appends tags in ascending order does so in O(1). Values are kept as the bytes that
 * were read (binary numbers normalized to little endian) and decoded on first access; decoded
 * strings are cached beside the raw bytes, which stay available for lossless rewriting.
 *
 * <p>A value is one of: {@code byte[]} (raw), {@link Sequence}, {@link Fragments},
 * {@link BulkDataRef}, or {@code null} (an empty value). Items of a sequence are datasets whose
 * {@link #parent()} is the dataset holding the sequence; they inherit its Specific Character Set
 * unless they carry their own (0008,0005).
 *
 * <p>Instances are mutable until {@link #freeze()} makes them (and all nested items) read-only,
 * after which they may be shared between threads. Not thread-safe before that.
 */
public final class Dataset {

    private static final int[] NO_TAGS = {};
    private static final VR[] NO_VRS = {};
    private static final Object[] NO_VALUES = {};

    private Dataset parent;
    private int[] tags;
    private VR[] vrs;
    private Object[] values;
    private Object[] decoded;
    private int size;
    private boolean frozen;
    private boolean undefinedLengthItem = true;
    private SpecificCharacterSet charset;

    /** Creates an empty top-level dataset. */
    public Dataset() {
        this(null, 16);
    }

    /** Creates an empty top-level dataset with room for {@code capacity} elements. */
    public Dataset(int capacity) {
        this(null, capacity);
    }

    Dataset(Dataset parent, int capacity) {
        this.parent = parent;
        if (capacity <= 0) {
            tags = NO_TAGS;
            vrs = NO_VRS;
            values = NO_VALUES;
        } else {
            tags = new int[capacity];
            vrs = new VR[capacity];
            values = new Object[capacity];
        }
    }

    // ---------------------------------------------------------------- structure

    /** The dataset holding the sequence this item belongs to, or null for a top-level dataset. */
    public Dataset parent() {
        return parent;
    }

    void attachTo(Dataset newParent) {
        if (parent != null && newParent != null && parent != newParent) {
            throw new IllegalArgumentException("item already belongs to another sequence");
        }
        this.parent = newParent;
        this.charset = null;
    }

    /** Number of elements at this level (nested items not counted). */
    public int size() {
        return size;
    }

    /** True when this dataset has no elements. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The tag of the element at {@code index} (elements are in ascending tag order). */
    public int tagAt(int index) {
        Objects.checkIndex(index, size);
        return tags[index];
    }

    /** The VR of the element at {@code index}. */
    public VR vrAt(int index) {
        Objects.checkIndex(index, size);
        return vrs[index];
    }

    /** The raw value of the element at {@code index} (see the class comment for the types). */
    public Object valueAt(int index) {
        Objects.checkIndex(index, size);
        return values[index];
    }

    /** The index of {@code tag}, or a negative number {@code -(insertion point) - 1} when absent. */
    public int indexOf(int tag) {
        int n = size;
        // Parsers append in order: check the end first.
        if (n == 0 || Integer.compareUnsigned(tag, tags[n - 1]) > 0) {
            return -n - 1;
        }
        int low = 0;
        int high = n - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int cmp = Integer.compareUnsigned(tags[mid], tag);
            if (cmp < 0) {
                low = mid + 1;
            } else if (cmp > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -low - 1;
    }

    /** True when the dataset holds {@code tag} (with any value, even empty). */
    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** The VR of {@code tag}, or null when absent. */
    public VR vrOf(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? vrs[i] : null;
    }

    /** The raw value of {@code tag}, or null when absent or empty. */
    public Object getValue(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? values[i] : null;
    }

    /** True when this item was read with (or should be written with) undefined length. */
    public boolean undefinedLengthItem() {
        return undefinedLengthItem;
    }

    /** Records how this item is delimited when it is written as an item of a sequence. */
    public void setUndefinedLengthItem(boolean undefinedLength) {
        checkMutable();
        this.undefinedLengthItem = undefinedLength;
    }

    // ---------------------------------------------------------------- mutation

    /**
     * Sets {@code tag} to a raw value, replacing any previous one. Binary values must be little
     * endian. Returns this dataset.
     */
    public Dataset set(int tag, VR vr, Object value) {
        checkMutable();
        Objects.requireNonNull(vr, "vr");
        if (!(value == null || value instanceof byte[] || value instanceof Sequence
                || value instanceof Fragments || value instanceof BulkDataRef)) {
            throw new IllegalArgumentException("unsupported value type " + value.getClass().getName());
        }
        if (value instanceof Sequence seq) {
            seq.attachTo(this);
        }
        int i = indexOf(tag);
        if (i >= 0) {
            vrs[i] = vr;
            values[i] = value;
            if (decoded != null) {
                decoded[i] = null;
            }
        } else {
            insertAt(-i - 1, tag, vr, value);
        }
        if (tag == Tag.SPECIFIC_CHARACTER_SET) {
            resetCharsetCache();
        }
        return this;
    }

    /**
     * Appends an element whose tag is greater than every tag present: the parser's fast path.
     * Falls back to a sorted insert when the input is out of order.
     */
    public Dataset append(int tag, VR vr, Object value) {
        if (size > 0 && Integer.compareUnsigned(tag, tags[size - 1]) <= 0) {
            return set(tag, vr, value);
        }
        checkMutable();
        if (value instanceof Sequence seq) {
            seq.attachTo(this);
        }
        insertAt(size, tag, vr, value);
        if (tag == Tag.SPECIFIC_CHARACTER_SET) {
            resetCharsetCache();
        }
        return this;
    }

    /** Sets a byte value. */
    public Dataset setBytes(int tag, VR vr, byte[] value) {
        return set(tag, vr, value);
    }

    /** Sets a text value: several strings become one backslash-separated value. */
    public Dataset setString(int tag, VR vr, String... strings) {
        if (!vr.isText()) {
            throw new IllegalArgumentException(vr + " is not a text VR");
        }
        String joined = strings.length == 1 ? strings[0] : String.join("\\", strings);
        SpecificCharacterSet cs = tag == Tag.SPECIFIC_CHARACTER_SET ? SpecificCharacterSet.ASCII : specificCharacterSet();
        byte[] bytes = cs.encode(joined, vr);
        if ((bytes.length & 1) != 0) {
            bytes = Arrays.copyOf(bytes, bytes.length + 1);
            bytes[bytes.length - 1] = vr.paddingByte();
        }
        return set(tag, vr, bytes);
    }

    /** Sets integer values of a binary VR (US, SS, UL, SL, UV, SV, AT) or of IS. */
    public Dataset setInt(int tag, VR vr, long... numbers) {
        if (vr == VR.IS) {
            String[] strings = new String[numbers.length];
            for (int i = 0; i < numbers.length; i++) {
                strings[i] = Long.toString(numbers[i]);
            }
            return setString(tag, vr, strings);
        }
        int width = vr.bytesPerValue();
        if (!vr.isBinary() || width < 2) {
            throw new IllegalArgumentException(vr + " does not hold integers");
        }
        byte[] bytes = new byte[numbers.length * width];
        for (int i = 0; i < numbers.length; i++) {
            if (vr == VR.AT) {
                LittleEndian.putTag(bytes, i * 4, (int) numbers[i]);
            } else {
                LittleEndian.put(bytes, i * width, width, numbers[i]);
            }
        }
        return set(tag, vr, bytes);
    }

    /** Sets floating point values of FL, FD, OF, OD or DS. */
    public Dataset setDouble(int tag, VR vr, double... numbers) {
        if (vr == VR.DS) {
            String[] strings = new String[numbers.length];
            for (int i = 0; i < numbers.length; i++) {
                strings[i] = formatDecimalString(numbers[i]);
            }
            return setString(tag, vr, strings);
        }
        byte[] bytes;
        switch (vr) {
            case FL, OF -> {
                bytes = new byte[numbers.length * 4];
                for (int i = 0; i < numbers.length; i++) {
                    LittleEndian.put(bytes, i * 4, 4, Float.floatToRawIntBits((float) numbers[i]));
                }
            }
            case FD, OD -> {
                bytes = new byte[numbers.length * 8];
                for (int i = 0; i < numbers.length; i++) {
                    LittleEndian.put(bytes, i * 8, 8, Double.doubleToRawLongBits(numbers[i]));
                }
            }
            default -> throw new IllegalArgumentException(vr + " does not hold floating point numbers");
        }
        return set(tag, vr, bytes);
    }

    /** Creates (or replaces) a sequence under {@code tag} and returns it. */
    public Sequence newSequence(int tag, int initialCapacity) {
        Sequence seq = new Sequence(initialCapacity);
        set(tag, VR.SQ, seq);
        return seq;
    }

    /** Removes {@code tag}; returns true when it was present. */
    public boolean remove(int tag) {
        checkMutable();
        int i = indexOf(tag);
        if (i < 0) {
            return false;
        }
        int tail = size - i - 1;
        System.arraycopy(tags, i + 1, tags, i, tail);
        System.arraycopy(vrs, i + 1, vrs, i, tail);
        System.arraycopy(values, i + 1, values, i, tail);
        if (decoded != null) {
            System.arraycopy(decoded, i + 1, decoded, i, tail);
            decoded[size - 1] = null;
        }
        size--;
        vrs[size] = null;
        values[size] = null;
        if (tag == Tag.SPECIFIC_CHARACTER_SET) {
            resetCharsetCache();
        }
        return true;
    }

    /** Makes this dataset and all nested items read-only. Idempotent. */
    public Dataset freeze() {
        if (!frozen) {
            frozen = true;
            for (int i = 0; i < size; i++) {
                if (values[i] instanceof Sequence seq) {
                    seq.freeze();
                } else if (values[i] instanceof Fragments frags) {
                    frags.freeze();
                }
            }
        }
        return this;
    }

    /** True after {@link #freeze()}. */
    public boolean isFrozen() {
        return frozen;
    }

    private void checkMutable() {
        if (frozen) {
            throw new UnsupportedOperationException("dataset is read-only");
        }
    }

    private void insertAt(int index, int tag, VR vr, Object value) {
        if (size == tags.length) {
            int capacity = Math.max(8, size + (size >> 1));
            tags = Arrays.copyOf(tags, capacity);
            vrs = Arrays.copyOf(vrs, capacity);
            values = Arrays.copyOf(values, capacity);
            if (decoded != null) {
                decoded = Arrays.copyOf(decoded, capacity);
            }
        }
        int tail = size - index;
        if (tail > 0) {
            System.arraycopy(tags, index, tags, index + 1, tail);
            System.arraycopy(vrs, index, vrs, index + 1, tail);
            System.arraycopy(values, index, values, index + 1, tail);
            if (decoded != null) {
                System.arraycopy(decoded, index, decoded, index + 1, tail);
            }
        }
        tags[index] = tag;
        vrs[index] = vr;
        values[index] = value;
        if (decoded != null) {
            decoded[index] = null;
        }
        size++;
    }

    // ---------------------------------------------------------------- character set

    /**
     * The Specific Character Set in effect for this dataset: its own (0008,0005), else its
     * parent's, else the default repertoire.
     */
    public SpecificCharacterSet specificCharacterSet() {
        SpecificCharacterSet cs = charset;
        if (cs == null) {
            int i = indexOf(Tag.SPECIFIC_CHARACTER_SET);
            if (i >= 0 && values[i] instanceof byte[] raw) {
                cs = SpecificCharacterSet.of(splitRaw(raw));
            } else {
                cs = parent != null ? parent.specificCharacterSet() : SpecificCharacterSet.ASCII;
            }
            charset = cs;
        }
        return cs;
    }

    private void resetCharsetCache() {
        charset = null;
        if (decoded != null) {
            Arrays.fill(decoded, null);
        }
        for (int i = 0; i < size; i++) {
            if (values[i] instanceof Sequence seq) {
                for (Dataset item : seq) {
                    item.resetCharsetCache();
                }
            }
        }
    }

    private static String[] splitRaw(byte[] raw) {
        String s = new String(raw, java.nio.charset.StandardCharsets.ISO_8859_1);
        return s.split("\\\\", -1);
    }

    // ---------------------------------------------------------------- private elements

    /**
     * The Private Creator that reserves the block of private {@code tag}, or null when the tag is
     * not a private data element or its creator is absent.
     */
    public String privateCreatorOf(int tag) {
        int creatorTag = Tag.creatorTagOf(tag);
        return creatorTag < 0 ? null : getString(creatorTag);
    }

    /**
     * Resolves a private element by its creator: {@code (group, elementLow)} in the block that
     * {@code creator} reserved in this dataset, e.g. {@code privateTag("SIEMENS CSA HEADER",
     * 0x0029, 0x10)}. Returns -1 when the creator has no block here.
     */
    public int privateTag(String creator, int group, int elementLow) {
        String wanted = creator.strip();
        for (int block = 0x10; block <= 0xFF; block++) {
            int creatorTag = Tag.of(group, block);
            int i = indexOf(creatorTag);
            if (i >= 0 && wanted.equals(getString(creatorTag))) {
                return Tag.of(group, block << 8 | (elementLow & 0xFF));
            }
        }
        return -1;
    }

    /**
     * Reserves a block for {@code creator} in {@code group} (reusing an existing one) and returns
     * the tag of {@code elementLow} in it.
     */
    public int reservePrivateTag(String creator, int group, int elementLow) {
        int existing = privateTag(creator, group, elementLow);
        if (existing >= 0) {
            return existing;
        }
        for (int block = 0x10; block <= 0xFF; block++) {
            int creatorTag = Tag.of(group, block);
            if (!contains(creatorTag)) {
                setString(creatorTag, VR.LO, creator);
                return Tag.of(group, block << 8 | (elementLow & 0xFF));
            }
        }
        throw new IllegalStateException("no free private block in group " + Integer.toHexString(group));
    }

    // ---------------------------------------------------------------- typed reads: text

    /** The raw bytes of {@code tag}, or null when absent, empty, or not held as bytes. */
    public byte[] getBytes(int tag) {
        return getValue(tag) instanceof byte[] bytes ? bytes : null;
    }

    /** The sequence under {@code tag}, or null. */
    public Sequence getSequence(int tag) {
        return getValue(tag) instanceof Sequence seq ? seq : null;
    }

    /** The fragments under {@code tag}, or null. */
    public Fragments getFragments(int tag) {
        return getValue(tag) instanceof Fragments f ? f : null;
    }

    /**
     * The whole value of a text element decoded with the Specific Character Set (all values,
     * backslashes included), or null when absent or not text. Padding is not removed.
     */
    public String getText(int tag) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] raw) || !vrs[i].isText()) {
            return null;
        }
        if (decoded != null && decoded[i] instanceof String s) {
            return s;
        }
        SpecificCharacterSet cs = tag == Tag.SPECIFIC_CHARACTER_SET ? SpecificCharacterSet.ASCII : specificCharacterSet();
        String s = cs.decode(raw, 0, raw.length, vrs[i]);
        if (decoded == null) {
            decoded = new Object[tags.length];
        }
        decoded[i] = s;
        return s;
    }

    /** The first value of {@code tag} as a string (see {@link #getStrings(int)}), or null. */
    public String getString(int tag) {
        return getString(tag, 0);
    }

    /** Value {@code index} of {@code tag} as a string, trimmed per its VR, or null when absent. */
    public String getString(int tag, int index) {
        String[] all = getStrings(tag);
        return all != null && index < all.length ? all[index] : null;
    }

    /** The first value of {@code tag}, or {@code defaultValue} when absent or empty. */
    public String getString(int tag, String defaultValue) {
        String s = getString(tag);
        return s == null || s.isEmpty() ? defaultValue : s;
    }

    /**
     * All values of {@code tag} as strings: text split at backslashes (except LT, ST, UT, UR) with
     * padding trimmed as PS3.5 6.2 allows; binary numbers formatted in decimal; AT as 8 hex
     * digits. Empty array for an empty value; null when absent or a sequence.
     */
    public String[] getStrings(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        VR vr = vrs[i];
        Object value = values[i];
        if (value == null) {
            return new String[0];
        }
        if (!(value instanceof byte[] raw)) {
            return null;
        }
        if (vr.isText()) {
            return TextValues.split(getText(tag), vr);
        }
        return BinaryValues.toStrings(raw, vr);
    }

    /** The first value of a PN element as a {@link PersonName}, or null when absent or empty. */
    public PersonName getPersonName(int tag) {
        String s = getString(tag);
        return s == null || s.isEmpty() ? null : PersonName.parse(s);
    }

    /** The first value of a DA element, empty when absent or not a valid date. */
    public java.util.Optional<java.time.LocalDate> getDate(int tag) {
        String s = getString(tag);
        return s == null ? java.util.Optional.empty() : DicomDateTime.parseDate(s);
    }

    /** The first value of a TM element, empty when absent or not a valid time. */
    public java.util.Optional<java.time.LocalTime> getTime(int tag) {
        String s = getString(tag);
        return s == null ? java.util.Optional.empty() : DicomDateTime.parseTime(s);
    }

    /**
     * The first value of a DT element at the precision it was given (see
     * {@link DicomDateTime#parseDateTime(String)}), empty when absent or invalid.
     */
    public java.util.Optional<java.time.temporal.Temporal> getDateTime(int tag) {
        String s = getString(tag);
        return s == null ? java.util.Optional.empty() : DicomDateTime.parseDateTime(s);
    }

    // ---------------------------------------------------------------- typed reads: numbers

    /** Value {@code index} of an integer element (US, SS, UL, SL, UV, SV, IS), if present and valid. */
    public OptionalLong getLong(int tag, int index) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] raw)) {
            return OptionalLong.empty();
        }
        VR vr = vrs[i];
        if (vr == VR.IS || vr == VR.DS) {
            String s = getString(tag, index);
            if (s == null) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(vr == VR.IS ? Long.parseLong(s.startsWith("+") ? s.substring(1) : s)
                        : (long) Double.parseDouble(s));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return BinaryValues.integerAt(raw, vr, index);
    }

    /** The first value of an integer element, or {@code defaultValue}. */
    public int getInt(int tag, int defaultValue) {
        OptionalLong v = getLong(tag, 0);
        return v.isPresent() ? (int) v.getAsLong() : defaultValue;
    }

    /** The first value of an integer element as an {@link OptionalInt}. */
    public OptionalInt getInt(int tag) {
        OptionalLong v = getLong(tag, 0);
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    /** Value {@code index} of a numeric element (FL, FD, OF, OD, DS, IS and integer VRs). */
    public OptionalDouble getDouble(int tag, int index) {
        int i = indexOf(tag);
        if (i < 0 || !(values[i] instanceof byte[] raw)) {
            return OptionalDouble.empty();
        }
        VR vr = vrs[i];
        if (vr.isText()) {
            String s = getString(tag, index);
            if (s == null) {
                return OptionalDouble.empty();
            }
            try {
                return OptionalDouble.of(Double.parseDouble(s));
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        }
        return BinaryValues.doubleAt(raw, vr, index);
    }

    /** Number of values of {@code tag} (0 when absent or empty). */
    public int valueCount(int tag) {
        int i = indexOf(tag);
        if (i < 0 || values[i] == null) {
            return 0;
        }
        Object value = values[i];
        if (value instanceof Sequence seq) {
            return seq.size();
        }
        if (!(value instanceof byte[] raw)) {
            return 1;
        }
        VR vr = vrs[i];
        if (vr.isText()) {
            String[] s = getStrings(tag);
            return s.length;
        }
        int width = vr.bytesPerValue();
        return width <= 1 ? (raw.length == 0 ? 0 : 1) : raw.length / width;
    }

    private static String formatDecimalString(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        if (s.length() > 16) {
            s = String.format(java.util.Locale.ROOT, "%.10g", d).strip();
        }
        return s;
    }

    // ---------------------------------------------------------------- equality

    /**
     * Structural equality: same tags, VRs and value bytes, recursively. Encoding hints (defined or
     * undefined lengths) are not compared.
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Dataset other) || other.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (tags[i] != other.tags[i] || vrs[i] != other.vrs[i] || !Values.equal(values[i], other.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + tags[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "Dataset[" + size + " elements]";
    }
}
