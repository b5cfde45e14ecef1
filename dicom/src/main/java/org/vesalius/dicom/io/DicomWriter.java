package org.vesalius.dicom.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.Length;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/**
 * Writes data sets and Part 10 files in any native transfer syntax (Implicit and Explicit VR
 * Little Endian, Explicit VR Big Endian, deflated) and in the encapsulated ones (explicit little
 * endian with fragments passed through).
 *
 * <p>By default the writer normalizes: values are padded to even length (space, or NUL for UI
 * and binary), group length elements are left out (except (0002,0000), recomputed), sequences and
 * items get undefined lengths so later edits cannot make them stale, and a value longer than
 * 64 KiB in a VR with a 16-bit length is written as UN (CP-1066). With
 * {@link EncodingOptions#preserve()} it re-emits exactly what was read instead.
 */
public final class DicomWriter {

    private static final byte[] MAGIC = {'D', 'I', 'C', 'M'};

    private final OutputStream out;
    private final EncodingOptions options;
    private final byte[] header = new byte[12];

    private DicomWriter(OutputStream out, EncodingOptions options) {
        this.out = out;
        this.options = options;
    }

    /**
     * Writes {@code file} as Part 10: preamble, "DICM", File Meta (Explicit VR LE), then the data
     * set in {@code file.transferSyntax()}. The stream is flushed, not closed.
     */
    public static void writeFile(DicomFile file, OutputStream out, EncodingOptions options) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
        DicomWriter meta = new DicomWriter(buffered, options);
        if (options.preserve()) {
            if (file.preamble() != null) {
                buffered.write(file.preamble());
            }
            if (file.magic()) {
                buffered.write(MAGIC);
            }
            if (file.fileMeta() != null) {
                meta.writeItems(file.fileMeta(), true, false);
            }
        } else {
            buffered.write(file.preamble() != null ? file.preamble() : new byte[128]);
            buffered.write(MAGIC);
            Dataset fileMeta = file.fileMeta() != null ? file.fileMeta()
                    : FileMetaInformation.create(file.dataset().getString(0x00080016, ""),
                            file.dataset().getString(0x00080018, ""), file.transferSyntax().uid());
            meta.writeFileMeta(fileMeta);
        }
        writeBody(file.dataset(), file.transferSyntax(), buffered, options,
                options.preserve() ? file.trailingBytes() : null);
        buffered.flush();
    }

    /**
     * Writes only the head of a Part 10 file: a zero preamble, "DICM" and {@code fileMeta} with its
     * group length recomputed. The caller appends the data set as bytes already encoded in the
     * transfer syntax the meta declares, such as a data set received over the network, which is
     * then kept bit for bit. Flushes, does not close.
     */
    public static void writeFileHeader(Dataset fileMeta, OutputStream out) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(out, 1024);
        buffered.write(new byte[128]);
        buffered.write(MAGIC);
        new DicomWriter(buffered, EncodingOptions.DEFAULT).writeFileMeta(fileMeta);
        buffered.flush();
    }

    /** Writes a bare data set (no preamble, no File Meta), as in a DIMSE message. Flushes, does not close. */
    public static void writeDataset(Dataset dataset, TransferSyntax syntax, OutputStream out, EncodingOptions options) throws IOException {
        // No second buffer in front of memory or of a stream that buffers already: a DIMSE
        // command is encoded thousands of times a second.
        OutputStream target = out instanceof java.io.ByteArrayOutputStream || out instanceof BufferedOutputStream ? out
                : new BufferedOutputStream(out, 64 * 1024);
        writeBody(dataset, syntax, target, options, null);
        target.flush();
    }

    private static void writeBody(Dataset dataset, TransferSyntax syntax, OutputStream out, EncodingOptions options,
            byte[] trailing) throws IOException {
        if (syntax.deflated()) {
            Deflater deflater = new Deflater(options.deflateLevel(), true);
            try {
                DeflaterOutputStream deflating = new DeflaterOutputStream(out, deflater, 8192);
                DicomWriter body = new DicomWriter(deflating, options);
                body.writeItems(dataset, true, false);
                if (trailing != null) {
                    deflating.write(trailing);
                }
                deflating.finish();
            } finally {
                deflater.end();
            }
        } else {
            new DicomWriter(out, options).writeItems(dataset, syntax.explicitVR(), syntax.bigEndian());
            if (trailing != null) {
                out.write(trailing);
            }
        }
    }

    private void writeFileMeta(Dataset meta) throws IOException {
        long groupLength = 0;
        for (int i = 0; i < meta.size(); i++) {
            int tag = meta.tagAt(i);
            if (Tag.group(tag) == 0x0002 && tag != 0x00020000) {
                groupLength += Encoded.elementLength(meta, i, true, options.preserve());
            }
        }
        byte[] value = new byte[4];
        LittleEndian.put(value, 0, 4, groupLength);
        writeHeader(0x00020000, VR.UL, 4, true, false);
        out.write(value);
        for (int i = 0; i < meta.size(); i++) {
            int tag = meta.tagAt(i);
            if (Tag.group(tag) == 0x0002 && tag != 0x00020000) {
                writeElement(meta, i, true, false);
            }
        }
    }

    /** Writes the elements of a data set or item. */
    private void writeItems(Dataset dataset, boolean explicit, boolean big) throws IOException {
        for (int i = 0; i < dataset.size(); i++) {
            if (!options.preserve() && Tag.isGroupLength(dataset.tagAt(i))) {
                continue;
            }
            writeElement(dataset, i, explicit, big);
        }
    }

    private void writeElement(Dataset dataset, int index, boolean explicit, boolean big) throws IOException {
        int tag = dataset.tagAt(index);
        VR vr = dataset.vrAt(index);
        Object value = dataset.valueAt(index);
        boolean preserve = options.preserve();
        if (value instanceof Sequence seq) {
            boolean implicitItems = preserve && seq.implicitLittleEndianItems();
            VR headerVr = preserve ? vr : VR.SQ;
            boolean itemsExplicit = implicitItems ? false : explicit;
            boolean itemsBig = implicitItems ? false : big;
            boolean undefined = !preserve || seq.undefinedLength();
            long length = undefined ? Length.UNDEFINED : Encoded.sequenceContentLength(seq, itemsExplicit, preserve);
            writeHeader(tag, headerVr, length, explicit, big);
            for (Dataset item : seq) {
                boolean itemUndefined = !preserve || item.undefinedLengthItem();
                long itemLength = itemUndefined ? Length.UNDEFINED : Encoded.itemContentLength(item, itemsExplicit, preserve);
                writeItemHeader(Tag.ITEM, itemLength, itemsBig);
                writeItems(item, itemsExplicit, itemsBig);
                if (itemUndefined) {
                    writeItemHeader(Tag.ITEM_DELIMITATION, 0, itemsBig);
                }
            }
            if (undefined) {
                writeItemHeader(Tag.SEQUENCE_DELIMITATION, 0, itemsBig);
            }
        } else if (value instanceof Fragments fragments) {
            writeHeader(tag, vr, Length.UNDEFINED, explicit, big);
            for (int f = 0; f < fragments.size(); f++) {
                Object item = fragments.get(f);
                long length = fragments.lengthOf(f);
                boolean pad = !preserve && (length & 1) != 0;
                writeItemHeader(Tag.ITEM, pad ? length + 1 : length, big);
                writeBytes(item, vr, false, length);
                if (pad) {
                    out.write(0);
                }
            }
            writeItemHeader(Tag.SEQUENCE_DELIMITATION, 0, big);
        } else {
            long length = Encoded.rawLength(value);
            boolean pad = !preserve && (length & 1) != 0;
            long written = pad ? length + 1 : length;
            VR headerVr = vr;
            if (explicit && !preserve && !vr.hasLongHeader() && written > 0xFFFF) {
                headerVr = VR.UN; // CP-1066: the value does not fit a 16-bit length
            }
            writeHeader(tag, headerVr, written, explicit, big);
            writeBytes(value, vr, big, length);
            if (pad) {
                out.write(vr.paddingByte());
            }
        }
    }

    private void writeBytes(Object value, VR vr, boolean big, long length) throws IOException {
        if (value == null) {
            return;
        }
        if (value instanceof byte[] bytes) {
            if (big && vr.swapUnit() > 1) {
                byte[] swapped = bytes.clone();
                LittleEndian.swap(swapped, 0, swapped.length, vr.swapUnit());
                out.write(swapped);
            } else {
                out.write(bytes);
            }
            return;
        }
        BulkDataRef ref = (BulkDataRef) value;
        if (options.bulkData() == null) {
            throw new IOException("cannot write bulk data reference " + ref.uri() + ": no BulkDataResolver configured");
        }
        try (InputStream in = options.bulkData().open(ref)) {
            long copied = big && vr.swapUnit() > 1 ? copySwapped(in, vr.swapUnit()) : in.transferTo(out);
            if (copied != length) {
                throw new IOException("bulk data " + ref.uri() + " gave " + copied + " bytes, " + length + " expected");
            }
        }
    }

    private long copySwapped(InputStream in, int unit) throws IOException {
        byte[] chunk = new byte[8192];
        long total = 0;
        int filled = 0;
        int r;
        while ((r = in.read(chunk, filled, chunk.length - filled)) > 0) {
            filled += r;
            int whole = filled - filled % unit;
            LittleEndian.swap(chunk, 0, whole, unit);
            out.write(chunk, 0, whole);
            total += whole;
            System.arraycopy(chunk, whole, chunk, 0, filled - whole);
            filled -= whole;
        }
        out.write(chunk, 0, filled);
        return total + filled;
    }

    private void writeHeader(int tag, VR vr, long length, boolean explicit, boolean big) throws IOException {
        putTag(tag, big);
        if (!explicit) {
            put32(4, length, big);
            out.write(header, 0, 8);
        } else if (vr.hasLongHeader()) {
            header[4] = (byte) (vr.code() >> 8);
            header[5] = (byte) vr.code();
            header[6] = 0;
            header[7] = 0;
            put32(8, length, big);
            out.write(header, 0, 12);
        } else {
            header[4] = (byte) (vr.code() >> 8);
            header[5] = (byte) vr.code();
            if (big) {
                header[6] = (byte) (length >> 8);
                header[7] = (byte) length;
            } else {
                header[6] = (byte) length;
                header[7] = (byte) (length >> 8);
            }
            out.write(header, 0, 8);
        }
    }

    private void writeItemHeader(int tag, long length, boolean big) throws IOException {
        putTag(tag, big);
        put32(4, length, big);
        out.write(header, 0, 8);
    }

    private void putTag(int tag, boolean big) {
        int group = tag >>> 16;
        int element = tag & 0xFFFF;
        if (big) {
            header[0] = (byte) (group >> 8);
            header[1] = (byte) group;
            header[2] = (byte) (element >> 8);
            header[3] = (byte) element;
        } else {
            header[0] = (byte) group;
            header[1] = (byte) (group >> 8);
            header[2] = (byte) element;
            header[3] = (byte) (element >> 8);
        }
    }

    private void put32(int at, long value, boolean big) {
        if (big) {
            header[at] = (byte) (value >> 24);
            header[at + 1] = (byte) (value >> 16);
            header[at + 2] = (byte) (value >> 8);
            header[at + 3] = (byte) value;
        } else {
            LittleEndian.put(header, at, 4, value);
        }
    }
}
