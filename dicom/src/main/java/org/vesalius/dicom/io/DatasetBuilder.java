package org.vesalius.dicom.io;

import java.io.IOException;
import java.util.ArrayDeque;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.Length;
import org.vesalius.dicom.data.Sequence;

/**
 * Builds a {@link Dataset} tree from the tokens of a {@link DicomStreamReader}: one consumer of
 * the parse, among others (the JSON writer needs no tree).
 */
public final class DatasetBuilder {

    private DatasetBuilder() {
    }

    /**
     * Adds an element in the order read. A tag seen twice keeps its first value (as dcmtk does)
     * and an element out of ascending order is sorted in; both are irregular, so the reader is
     * told that the data set can no longer be written back bit for bit.
     */
    private static void addElement(Dataset current, int tag, org.vesalius.dicom.data.VR vr, Object value,
            DicomStreamReader reader) {
        if (!current.isEmpty() && Integer.compareUnsigned(tag, current.tagAt(current.size() - 1)) <= 0) {
            if (current.contains(tag)) {
                reader.noteIrregularity("element " + org.vesalius.dicom.data.Tag.toString(tag)
                        + " appears twice; the second one is ignored");
                return;
            }
            reader.noteIrregularity("element " + org.vesalius.dicom.data.Tag.toString(tag) + " is out of order");
        }
        current.append(tag, vr, value);
    }

    /**
     * Reads tokens until {@link DicomStreamReader.Token#END} or
     * {@link DicomStreamReader.Token#STOPPED}, adding every element to {@code target}.
     *
     * @return {@code target}
     */
    public static Dataset build(DicomStreamReader reader, Dataset target) throws IOException {
        ArrayDeque<Dataset> datasets = new ArrayDeque<>();
        ArrayDeque<Sequence> sequences = new ArrayDeque<>();
        Dataset current = target;
        Fragments fragments = null;
        while (true) {
            switch (reader.next()) {
                case ELEMENT -> addElement(current, reader.tag(), reader.vr(), reader.value(), reader);
                case SEQUENCE_START -> {
                    // No room reserved: many sequences are empty, and a hostile header holds millions of them.
                    Sequence seq = new Sequence(0);
                    // The VR stays as encoded (SQ, or UN) so the element can be written back as read.
                    addElement(current, reader.tag(), reader.vr(), seq, reader);
                    seq.setUndefinedLength(Length.isUndefined(reader.length()));
                    seq.setImplicitLittleEndianItems(reader.implicitItems());
                    sequences.push(seq);
                }
                case ITEM_START -> {
                    datasets.push(current);
                    current = sequences.peek().addItem();
                    current.setUndefinedLengthItem(Length.isUndefined(reader.length()));
                }
                case ITEM_END -> current = datasets.pop();
                case SEQUENCE_END -> sequences.pop();
                case FRAGMENTS_START -> {
                    fragments = new Fragments();
                    addElement(current, reader.tag(), reader.vr(), fragments, reader);
                }
                case FRAGMENT -> {
                    Object v = reader.value();
                    if (v instanceof byte[] bytes) {
                        fragments.add(bytes);
                    } else if (v instanceof org.vesalius.dicom.data.BulkDataRef ref) {
                        fragments.add(ref);
                    } else {
                        fragments.add(new byte[0]);
                    }
                }
                case FRAGMENTS_END -> fragments = null;
                case END, STOPPED -> {
                    return target;
                }
            }
        }
    }
}
