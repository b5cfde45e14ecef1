package org.vesalius.dicom.json;

import java.io.IOException;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.SpecificCharacterSet;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/** Feeds a {@link Dataset} tree to a {@link DatasetVisitor}. */
final class TreeWalker {

    private TreeWalker() {
    }

    /** As {@link TokenWalker} reads it: also from a creator element that has VR UN. */
    private static String creatorOf(Dataset dataset, int tag, SpecificCharacterSet charset) {
        int creatorTag = Tag.isPrivateCreator(tag) ? -1 : Tag.creatorTagOf(tag);
        byte[] raw = creatorTag == -1 ? null : dataset.getBytes(creatorTag);
        return raw == null ? null : TokenWalker.creatorName(raw, charset);
    }

    static void walk(Dataset dataset, DatasetVisitor visitor) throws IOException {
        SpecificCharacterSet charset = dataset.specificCharacterSet();
        for (int i = 0; i < dataset.size(); i++) {
            int tag = dataset.tagAt(i);
            VR vr = dataset.vrAt(i);
            Object value = dataset.valueAt(i);
            String creator = creatorOf(dataset, tag, charset);
            if (value instanceof Sequence seq) {
                visitor.startSequence(tag, creator);
                for (Dataset item : seq) {
                    visitor.startItem();
                    walk(item, visitor);
                    visitor.endItem();
                }
                visitor.endSequence();
            } else if (value instanceof Fragments fragments) {
                visitor.fragments(tag, vr, fragments.items(), creator);
            } else {
                // The Specific Character Set element is itself in the default repertoire.
                visitor.element(tag, vr, value,
                        tag == Tag.SPECIFIC_CHARACTER_SET ? SpecificCharacterSet.ASCII : charset, creator);
            }
        }
    }
}
