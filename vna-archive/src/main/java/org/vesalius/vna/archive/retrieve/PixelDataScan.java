package org.vesalius.vna.archive.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.LittleEndian;
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
 * <p>Which fragments make a frame, in the order PS3.5 A.4 gives the means: a single frame takes
 * them all; the Extended Offset Table (7FE0,0001), then a non-empty Basic Offset Table, give the
 * frame starts; as many fragments as frames is one each; failing all that, frames start at the
 * fragments that open with a codestream marker (JPEG SOI, JPEG 2000 SOC or the JP2 signature,
 * JPEG XL), which is how encoders without an offset table write them.
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
        return PixelData.ofEncapsulated(region, version, ts, rows, columns, samples, bits, frames(ds, recorder, frames));
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

    private static List<List<PixelData.Fragment>> frames(Dataset ds, Recorder r, int frames) {
        List<PixelData.Fragment> fragments = r.fragments;
        List<Long> starts = null;
        if (frames == 1) {
            return List.of(fragments);
        }
        byte[] eot = ds.getBytes(Tags.ExtendedOffsetTable);
        if (eot != null && eot.length >= 8L * frames) {
            starts = new ArrayList<>(frames);
            for (int i = 0; i < frames; i++) {
                starts.add(LittleEndian.int64(eot, i * 8));
            }
        } else if (r.basicOffsetTable != null && r.basicOffsetTable.length >= 4L * frames) {
            starts = new ArrayList<>(frames);
            for (int i = 0; i < frames; i++) {
                starts.add(LittleEndian.int32(r.basicOffsetTable, i * 4) & 0xFFFFFFFFL);
            }
        }
        List<List<PixelData.Fragment>> out = new ArrayList<>(frames);
        if (starts != null) {
            long origin = fragments.isEmpty() ? 0 : fragments.get(0).offset() - 8; // the first item's tag
            int f = 0;
            for (int i = 0; i < frames; i++) {
                long end = i + 1 < frames ? starts.get(i + 1) : Long.MAX_VALUE;
                List<PixelData.Fragment> frame = new ArrayList<>(1);
                while (f < fragments.size() && fragments.get(f).offset() - 8 - origin < end) {
                    frame.add(fragments.get(f++));
                }
                out.add(frame);
            }
            return out;
        }
        if (fragments.size() == frames) {
            fragments.forEach(frag -> out.add(List.of(frag)));
            return out;
        }
        List<PixelData.Fragment> current = null;
        for (int i = 0; i < fragments.size(); i++) {
            if (current == null || r.starts.get(i)) {
                current = new ArrayList<>(1);
                out.add(current);
            }
            current.add(fragments.get(i));
        }
        if (out.size() != frames) {
            throw new IllegalStateException("cannot tell where the " + frames + " frames of this instance begin: "
                    + fragments.size() + " fragments, no offset table, " + out.size() + " codestream starts");
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
        final List<Boolean> starts = new ArrayList<>();

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
                byte[] head = in.readNBytes(12);
                fragments.add(new PixelData.Fragment(value.offset(), value.length()));
                starts.add(isCodestreamStart(head));
            }
            return new BulkDataRef("stored", value.offset(), value.length());
        }
    }

    /** JPEG and JPEG-LS SOI, JPEG 2000 SOC+SIZ, the JP2 signature box, JPEG XL codestream or container. */
    static boolean isCodestreamStart(byte[] b) {
        int n = b.length;
        if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8) {
            return true;
        }
        if (n >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0x4F && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x51) {
            return true;
        }
        if (n >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0x0A) {
            return true;
        }
        return n >= 8 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0x0C
                && (b[4] == 'j' && b[5] == 'P' || b[4] == 'J' && b[5] == 'X' && b[6] == 'L');
    }
}
