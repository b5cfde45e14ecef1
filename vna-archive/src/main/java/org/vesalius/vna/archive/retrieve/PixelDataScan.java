package org.vesalius.vna.archive.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import org.vesalius.dicom.codec.FrameSplitter;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.BulkDataDescriptor;
import org.vesalius.dicom.io.BulkDataHandler;
import org.vesalius.dicom.io.DatasetBuilder;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * Finds the frames of a stored object: one pass over it in which pixel data values are located,
 * never loaded (only the first bytes of each fragment and the Basic Offset Table are read).
 *
 * <p>Which fragments make a frame is the toolkit's rule, {@link FrameSplitter}: it needs each
 * fragment's length and first bytes, the offset tables and Number of Frames.
 */
final class PixelDataScan {

    private static final int PIXEL_DATA = Tags.PixelData;

    private PixelDataScan() {
    }

    /** The pixel data of {@code blob}, or null when it has none. */
    static PixelData of(BlobStore blobs, StoredObject blob) throws IOException {
        Recorder recorder = new Recorder();
        StoredHead head;
        Dataset ds = new Dataset();
        try (InputStream raw = blobs.open(blob.key())) {
            PushbackInputStream in = new PushbackInputStream(raw, 256);
            head = StoredHead.read(in);
            BulkDataDescriptor bulk = ((BulkDataDescriptor) (depth, tag, vr, length) -> depth == 0 && isPixelData(tag))
                    .or(BulkDataDescriptor.binaryLongerThan(64 * 1024));
            DicomStreamReader reader = DicomStreamReader.forDataset(head.dataSet(in), head.readSyntax(),
                    ReadOptions.DEFAULT.withBulkData(bulk, recorder));
            DatasetBuilder.build(reader, ds);
        }
        if (recorder.tag == 0) {
            return null;
        }
        StoredRegion region = new StoredRegion(blobs, blob.key(), head);
        int rows = ds.getInt(Tags.Rows, 0);
        int columns = ds.getInt(Tags.Columns, 0);
        int samples = ds.getInt(Tags.SamplesPerPixel, 1);
        int bits = ds.getInt(Tags.BitsAllocated, recorder.tag == Tags.FloatPixelData ? 32 : recorder.tag == Tags.DoubleFloatPixelData ? 64 : 8);
        int frames = Math.max(1, numberOfFrames(ds));
        String ts = head.syntax.uid();
        String version = blob.key().value() + "@" + blob.sha256Hex();
        if (recorder.fragments == null) {
            int swap = head.syntax.bigEndian() ? recorder.vr.swapUnit() : 1;
            // Native 4:2:2 keeps two samples per pixel (Y1 Y2 Cb Cr per pair), not three.
            String pi = ds.getString(Tags.PhotometricInterpretation, "").strip();
            int stored = samples == 3 && (pi.equals("YBR_FULL_422") || pi.equals("YBR_PARTIAL_422")) ? 2 : samples;
            return PixelData.ofNative(region, version, ts, rows, columns, samples, stored, bits, frames, recorder.offset, recorder.length,
                    swap);
        }
        return PixelData.ofEncapsulated(region, version, ts, rows, columns, samples, bits, frames(ds, recorder, frames, ts));
    }

    private static boolean isPixelData(int tag) {
        return tag == PIXEL_DATA || tag == Tags.FloatPixelData || tag == Tags.DoubleFloatPixelData;
    }

    private static int numberOfFrames(Dataset ds) {
        String s = ds.getString(Tags.NumberOfFrames, "1").strip();
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The fragments of each frame, by the toolkit's rule ({@link FrameSplitter}). */
    private static List<List<PixelData.Fragment>> frames(Dataset ds, Recorder r, int frames, String ts) {
        int[] starts = FrameSplitter.frameStarts(ts, frames, r.basicOffsetTable, ds.getBytes(Tags.ExtendedOffsetTable), r.heads);
        List<List<PixelData.Fragment>> out = new ArrayList<>(frames);
        for (int i = 0; i < starts.length; i++) {
            int end = i + 1 < starts.length ? starts[i + 1] : r.fragments.size();
            out.add(List.copyOf(r.fragments.subList(starts[i], Math.max(starts[i], end))));
        }
        return out;
    }

    /** Records where pixel data is, as the reader streams past it. */
    private static final class Recorder implements BulkDataHandler {
        int tag;
        VR vr;
        long offset;
        long length;
        byte[] basicOffsetTable;
        List<PixelData.Fragment> fragments;
        final List<FrameSplitter.FragmentHead> heads = new ArrayList<>();

        @Override
        public Object handle(Value value, InputStream in) throws IOException {
            if (value.depth() != 0 || !isPixelData(value.tag())) {
                return null; // some other large value: skipped
            }
            if (tag != 0 && value.tag() != tag) {
                return null; // a second pixel data element: the first one counts
            }
            tag = value.tag();
            vr = value.vr();
            if (value.fragment() < 0) {
                offset = value.offset();
                length = value.length();
            } else if (value.fragment() == 0) {
                fragments = new ArrayList<>();
                basicOffsetTable = value.length() > 0 && value.length() <= 1 << 24 ? in.readAllBytes() : null;
            } else {
                byte[] head = in.readNBytes(FrameSplitter.HEAD_BYTES);
                fragments.add(new PixelData.Fragment(value.offset(), value.length()));
                heads.add(new FrameSplitter.FragmentHead(value.length(), head));
            }
            return new BulkDataRef("stored", value.offset(), value.length());
        }
    }
}
