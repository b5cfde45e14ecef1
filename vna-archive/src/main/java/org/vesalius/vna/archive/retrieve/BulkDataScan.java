package org.vesalius.vna.archive.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.BulkDataDescriptor;
import org.vesalius.dicom.io.BulkDataHandler;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.json.TagPath;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * Finds the element a tag path names in a stored object and where its value lies, reading as
 * little as it can: other large values are skipped, the walk ends at the element.
 */
final class BulkDataScan {

    private BulkDataScan() {
    }

    /** Where the value is, or null when the path names no element with a value. */
    static Found find(BlobStore blobs, StoredObject blob, TagPath path) throws IOException {
        try (InputStream raw = blobs.open(blob.key())) {
            PushbackInputStream in = new PushbackInputStream(raw, 256);
            StoredHead head = StoredHead.read(in);
            Walker walker = new Walker(path, head);
            BulkDataDescriptor bulk = ((BulkDataDescriptor) walker::isTarget).or(BulkDataDescriptor.binaryLongerThan(64 * 1024));
            DicomStreamReader reader = DicomStreamReader.forDataset(head.dataSet(in), head.readSyntax(),
                    ReadOptions.DEFAULT.withBulkData(bulk, walker));
            while (walker.found == null) {
                DicomStreamReader.Token t = reader.next();
                switch (t) {
                    case SEQUENCE_START -> walker.enterSequence(reader.tag());
                    case ITEM_START -> walker.enterItem();
                    case ITEM_END -> walker.leaveItem();
                    case SEQUENCE_END -> walker.leaveSequence();
                    case FRAGMENTS_END -> {
                        if (walker.fragmentsOfTarget) {
                            walker.found = new Found(head, walker.vr, -1, -1, true);
                        }
                    }
                    case END, STOPPED -> {
                        return null;
                    }
                    default -> { }
                }
            }
            return walker.found;
        }
    }

    /** What was found: an element's value in data set coordinates, or encapsulated fragments. */
    record Found(StoredHead head, VR vr, long offset, long length, boolean encapsulated) {
    }

    /** Tracks where the reader is, in path terms, and catches the target value. */
    private static final class Walker implements BulkDataHandler {
        private final TagPath path;
        private final StoredHead head;
        // For each open sequence: its tag and the index of the current item.
        private final Deque<int[]> stack = new ArrayDeque<>();
        Found found;
        VR vr;
        boolean fragmentsOfTarget;

        Walker(TagPath path, StoredHead head) {
            this.path = path;
            this.head = head;
        }

        void enterSequence(int tag) {
            stack.push(new int[] {tag, -1});
        }

        void enterItem() {
            stack.peek()[1]++;
        }

        void leaveItem() {
            // the index stays: the next item increments it
        }

        void leaveSequence() {
            stack.pop();
        }

        boolean isTarget(int depth, int tag, VR vr, long length) {
            if (depth != path.depth() || tag != path.tag()) {
                return false;
            }
            int level = 0;
            var it = stack.descendingIterator();
            while (it.hasNext()) {
                int[] s = it.next();
                if (level >= depth || s[0] != path.tagAt(level) || s[1] != path.itemIndexAt(level)) {
                    return false;
                }
                level++;
            }
            return level == depth;
        }

        @Override
        public Object handle(Value value, InputStream in) throws IOException {
            if (!isTarget(value.depth(), value.tag(), value.vr(), value.length())) {
                return null;
            }
            vr = value.vr();
            if (value.fragment() < 0) {
                found = new Found(head, value.vr(), value.offset(), value.length(), false);
            } else {
                fragmentsOfTarget = true;
            }
            return new BulkDataRef("stored", value.offset(), value.length());
        }
    }
}
