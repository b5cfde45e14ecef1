package org.vesalius.vna.archive.retrieve;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * How the stored data set becomes the served one: a few byte ranges of the header replaced,
 * removed or inserted, each one whole top-level element. Everything outside them, the rest of the
 * header and all the pixel data, is the stored bytes. Empty when nothing changes.
 */
final class SplicePlan {

    /** Replace {@code [start, end)} of the stored data set with {@code bytes}; start == end inserts. */
    record Edit(long start, long end, int tag, byte[] bytes) {
    }

    static final SplicePlan NONE = new SplicePlan(List.of());

    final List<Edit> edits;

    private SplicePlan(List<Edit> edits) {
        this.edits = edits;
    }

    boolean isEmpty() {
        return edits.isEmpty();
    }

    /** How much longer (or shorter) the served data set is than the stored one. */
    long lengthDelta() {
        long d = 0;
        for (Edit e : edits) {
            d += e.bytes().length - (e.end() - e.start());
        }
        return d;
    }

    /**
     * The edits that turn the stored header of {@code scan} into {@code served}.
     *
     * @param syntax how the data set is encoded (not deflated: the splice works on inflated bytes)
     * @throws IOException the change falls after an element that was too large to read into the header
     */
    static SplicePlan between(HeaderScan scan, Dataset served, TransferSyntax syntax) throws IOException {
        Dataset stored = scan.header;
        TreeSet<Integer> changed = new TreeSet<>(Integer::compareUnsigned);
        for (int i = 0; i < stored.size(); i++) {
            int tag = stored.tagAt(i);
            int j = served.indexOf(tag);
            if (j < 0 || served.vrAt(j) != stored.vrAt(i) || !sameValue(stored.valueAt(i), served.valueAt(j))) {
                changed.add(tag);
            }
        }
        for (int j = 0; j < served.size(); j++) {
            if (!stored.contains(served.tagAt(j))) {
                changed.add(served.tagAt(j));
            }
        }
        if (changed.isEmpty()) {
            return NONE;
        }
        if (!scan.complete()) {
            throw new IOException("the header of this instance has an element too large to hold in memory before "
                    + Tag.toString(scan.stoppedBefore) + ": its changes cannot be applied");
        }
        Map<Integer, byte[]> encoded = encode(served, changed, syntax);
        List<Edit> edits = new ArrayList<>(changed.size() + 1);
        TreeSet<Integer> groups = new TreeSet<>();
        for (int tag : changed) {
            byte[] bytes = encoded.getOrDefault(tag, new byte[0]);
            HeaderScan.Element old = scan.element(tag);
            if (old != null) {
                edits.add(new Edit(old.start(), old.end(), tag, bytes));
            } else {
                long at = insertionPoint(scan, tag);
                edits.add(new Edit(at, at, tag, bytes));
            }
            groups.add(Tag.group(tag));
        }
        // A group length the stored header carries would no longer be true: leave it out (it is optional).
        for (int group : groups) {
            int lengthTag = group << 16;
            HeaderScan.Element gl = scan.element(lengthTag);
            if (gl != null && !changed.contains(lengthTag)) {
                edits.add(new Edit(gl.start(), gl.end(), lengthTag, new byte[0]));
            }
        }
        edits.sort(Comparator.comparingLong(Edit::start).thenComparing(Edit::tag, Integer::compareUnsigned));
        return new SplicePlan(List.copyOf(edits));
    }

    private static long insertionPoint(HeaderScan scan, int tag) {
        for (HeaderScan.Element e : scan.elements) {
            if (Integer.compareUnsigned(e.tag(), tag) > 0) {
                return e.start();
            }
        }
        return scan.end;
    }

    /** The encoded bytes of the {@code wanted} elements of {@code served}, by tag. */
    private static Map<Integer, byte[]> encode(Dataset served, TreeSet<Integer> wanted, TransferSyntax syntax) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        DicomWriter.writeDataset(served, syntax, out, EncodingOptions.DEFAULT);
        byte[] bytes = out.toByteArray();
        Map<Integer, byte[]> found = new HashMap<>();
        DicomStreamReader reader = DicomStreamReader.forDataset(new ByteArrayInputStream(bytes), syntax, ReadOptions.DEFAULT);
        long start = 0;
        int tag = 0;
        while (true) {
            DicomStreamReader.Token token = reader.next();
            if (token == DicomStreamReader.Token.END || token == DicomStreamReader.Token.STOPPED) {
                return found;
            }
            if (reader.depth() == 0 && (token == DicomStreamReader.Token.ELEMENT || token == DicomStreamReader.Token.SEQUENCE_START
                    || token == DicomStreamReader.Token.FRAGMENTS_START)) {
                start = reader.headerOffset();
                tag = reader.tag();
            }
            boolean closes = token == DicomStreamReader.Token.ELEMENT || token == DicomStreamReader.Token.SEQUENCE_END
                    || token == DicomStreamReader.Token.FRAGMENTS_END;
            if (closes && reader.depth() == 0 && wanted.contains(tag) && !found.containsKey(tag)) {
                found.put(tag, Arrays.copyOfRange(bytes, (int) start, (int) reader.position()));
            }
        }
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        return a == null ? b == null : a.equals(b);
    }
}
