package org.vesalius.dicom.json;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.Tag;

/**
 * The two ways an encapsulated value leaves a DICOM JSON or XML document: inline, as its items
 * with their headers (the form pydicom gives, without the sequence delimiter), or as the one
 * byte range its items occupy where they were read.
 */
final class Encapsulated {

    private static final int ITEM_HEADER = 8;

    private Encapsulated() {
    }

    /** True when every item is in memory. */
    static boolean inMemory(List<Object> items) {
        for (Object item : items) {
            if (!(item instanceof byte[])) {
                return false;
            }
        }
        return true;
    }

    /** The items with their (FFFE,E000) headers, as encoded in little endian. */
    static byte[] itemsWithHeaders(List<Object> items) {
        long total = 0;
        for (Object item : items) {
            total += ITEM_HEADER + ((byte[]) item).length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("encapsulated value of " + total + " bytes is too large to write inline");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) total);
        byte[] header = new byte[ITEM_HEADER];
        LittleEndian.putTag(header, 0, Tag.ITEM);
        for (Object item : items) {
            byte[] bytes = (byte[]) item;
            LittleEndian.put(header, 4, 4, bytes.length);
            out.write(header, 0, ITEM_HEADER);
            out.write(bytes, 0, bytes.length);
        }
        return out.toByteArray();
    }

    /**
     * The range from the first item's header to the end of the last item, when every item is a
     * reference into the same resource and they follow each other there; else null.
     */
    static BulkDataRef range(List<Object> items) {
        if (items.isEmpty()) {
            return null;
        }
        BulkDataRef first = items.get(0) instanceof BulkDataRef ref ? ref : null;
        if (first == null || first.offset() < ITEM_HEADER || first.length() < 0) {
            return null;
        }
        long end = first.offset() + first.length();
        for (int i = 1; i < items.size(); i++) {
            if (!(items.get(i) instanceof BulkDataRef ref) || !ref.uri().equals(first.uri())
                    || ref.length() < 0 || ref.offset() != end + ITEM_HEADER) {
                return null;
            }
            end = ref.offset() + ref.length();
        }
        long start = first.offset() - ITEM_HEADER;
        return new BulkDataRef(first.uri(), start, end - start);
    }

    /** Some reference among the items (for a URI when they are scattered), or null. */
    static BulkDataRef anyReference(List<Object> items) {
        for (Object item : items) {
            if (item instanceof BulkDataRef ref) {
                return ref;
            }
        }
        return null;
    }

    /**
     * Reads back {@link #itemsWithHeaders}: items that exactly fill {@code bytes} (a trailing
     * sequence delimiter allowed), or null when the bytes are not that.
     */
    static Fragments parseItems(byte[] bytes) {
        if (bytes.length < ITEM_HEADER || LittleEndian.tag(bytes, 0) != Tag.ITEM) {
            return null;
        }
        Fragments fragments = new Fragments();
        int at = 0;
        while (at < bytes.length) {
            if (bytes.length - at < ITEM_HEADER) {
                return null;
            }
            int tag = LittleEndian.tag(bytes, at);
            long length = LittleEndian.int32(bytes, at + 4) & 0xFFFFFFFFL;
            if (tag == Tag.SEQUENCE_DELIMITATION && at + ITEM_HEADER == bytes.length) {
                break;
            }
            if (tag != Tag.ITEM || length > bytes.length - at - ITEM_HEADER) {
                return null;
            }
            fragments.add(java.util.Arrays.copyOfRange(bytes, at + ITEM_HEADER, at + ITEM_HEADER + (int) length));
            at += ITEM_HEADER + (int) length;
        }
        return fragments;
    }
}
