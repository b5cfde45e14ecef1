package org.vesalius.vna.archive.retrieve;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterInputStream;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.codec.DecodeLimits;
import org.vesalius.dicom.codec.Transcoder;
import org.vesalius.dicom.image.PixelDescription;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.retrieve.ServedInstance;
import org.vesalius.vna.archive.journal.JournalEntry;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * One instance as the archive serves it: the stored object with its coercions and the journal's
 * entries applied. Made by {@link RetrieveService}; immutable; the streams it opens read the blob
 * store afresh each time, so it may be kept and opened more than once (a C-MOVE retry).
 *
 * <p>What the streams give: the stored bytes, except the few top-level header elements that
 * changed, which are spliced in re-encoded in the stored transfer syntax. Pixel data is never
 * decoded, copied into memory or changed. When nothing changed, they are the stored bytes, bit
 * for bit (the File Meta included).
 */
public final class RetrievableInstance implements ServedInstance {

    private final BlobStore blobs;
    private final InstanceRef ref;
    private final StoredObject blob;
    private final StoredHead head;
    private final Dataset header;
    private final SplicePlan plan;
    private final List<JournalEntry> journal;
    private final String etag;
    private final PatientId identity;
    private final boolean coerced;
    private final String modifyingSystem;
    private final DecodeLimits decodeLimits;
    private volatile Optional<String> codestreams; // null until a transcoding asks

    RetrievableInstance(BlobStore blobs, InstanceRef ref, StoredObject blob, StoredHead head, Dataset header, SplicePlan plan,
            List<JournalEntry> journal, String etag, PatientId identity, boolean coerced, String modifyingSystem,
            DecodeLimits decodeLimits) {
        this.blobs = blobs;
        this.ref = ref;
        this.blob = blob;
        this.head = head;
        this.header = header;
        this.plan = plan;
        this.journal = List.copyOf(journal);
        this.etag = etag;
        this.identity = identity;
        this.coerced = coerced;
        this.modifyingSystem = modifyingSystem;
        this.decodeLimits = decodeLimits;
    }

    /** Study, series and SOP Instance UID. */
    public InstanceRef ref() {
        return ref;
    }

    /** SOP Class UID (0008,0016), or the File Meta's (0002,0002) when the data set has none. */
    public String sopClassUid() {
        String s = header.getString(Tags.SOPClassUID, "");
        return s.isEmpty() && head.fileMeta != null ? head.fileMeta.getString(Tags.MediaStorageSOPClassUID, "") : s;
    }

    /** The transfer syntax the instance is stored (and served) in. */
    public String transferSyntaxUid() {
        return head.syntax.uid();
    }

    /** The stored transfer syntax's encoding. */
    public TransferSyntax transferSyntax() {
        return head.syntax;
    }

    /** The stored object (key, size, SHA-256, time). */
    public StoredObject blob() {
        return blob;
    }

    /** The File Meta as stored (null when the object has none). */
    public Dataset fileMeta() {
        return head.fileMeta;
    }

    /** The served header: every top-level element before Pixel Data, with the changes applied; frozen. */
    public Dataset header() {
        return header;
    }

    /** True when the served bytes differ from the stored ones (coercions or journal entries apply). */
    public boolean changed() {
        return !plan.isEmpty();
    }

    /** The journal entries applied, oldest first. */
    public List<JournalEntry> journalEntries() {
        return journal;
    }

    /**
     * A strong HTTP entity tag for the served bytes: it changes when a journal entry starts to
     * apply, never otherwise (the stored object under a key never changes).
     */
    public String etag() {
        return etag;
    }

    /** Length of {@link #openPart10()}, or -1 when unknown (a changed deflated data set is compressed as it goes). */
    public long part10Length() {
        if (plan.isEmpty()) {
            return blob.size();
        }
        return head.syntax.deflated() ? -1 : blob.size() + plan.lengthDelta();
    }

    /** The stored object's local file when it is what is served (nothing changed) and the store has local files. */
    @Override
    public Optional<java.nio.file.Path> storedFile() {
        return plan.isEmpty() ? blobs.localFile(blob.key()) : Optional.empty();
    }

    /** The served Part 10 object: the stored preamble and File Meta, then the served data set. */
    public InputStream openPart10() {
        if (plan.isEmpty()) {
            return blobs.open(blob.key());
        }
        return new SequenceInputStream(new ByteArrayInputStream(head.prefix), openDataSet());
    }

    /**
     * The served data set alone (no preamble, no File Meta), in {@link #transferSyntaxUid()}: what a
     * C-STORE sub-operation sends.
     */
    public InputStream openDataSet() {
        InputStream raw = blobs.open(blob.key());
        try {
            raw.skipNBytes(head.prefix.length);
            if (plan.isEmpty()) {
                return raw;
            }
            if (!head.syntax.deflated()) {
                return new SplicedInputStream(raw, plan);
            }
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            return new DeflaterInputStream(new SplicedInputStream(head.dataSet(raw), plan), deflater, 8192) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        deflater.end();
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw, e);
            throw e instanceof IOException io ? new UncheckedIOException("cannot read " + blob.key() + ": " + e.getMessage(), io)
                    : (RuntimeException) e;
        }
    }

    /** The Image Pixel description of the served header, or null when it describes no pixels (no Rows). */
    public PixelDescription pixelDescription() {
        if (!header.contains(Tags.Rows) || !header.contains(Tags.Columns)) {
            return null;
        }
        try {
            return PixelDescription.of(header);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Why the instance cannot be served in transfer syntax {@code uid}, or empty when it can: as
     * stored, or transcoded by the toolkit's {@link Transcoder} (between native syntaxes, or
     * decoding JPEG Baseline, 8-bit JPEG Extended, JPEG 2000 and RLE) when the data set's
     * dimensions are within the decode limits and every frame's codestream agrees with them
     * ({@link CodestreamCheck}, done once per instance).
     */
    public Optional<String> unavailableIn(String uid) {
        if (uid.equals(transferSyntaxUid())) {
            return Optional.empty();
        }
        Optional<String> why = Transcoder.unsupported(head.syntax, TransferSyntax.of(uid), pixelDescription(), decodeLimits);
        return why.isPresent() ? why : codestreams();
    }

    private Optional<String> codestreams() {
        Optional<String> checked = codestreams;
        if (checked == null) {
            PixelData frames;
            try {
                frames = PixelDataScan.of(blobs, blob);
            } catch (IOException | UncheckedIOException e) {
                frames = null; // unreadable: the transcoding fails and says so
            }
            checked = CodestreamCheck.refusal(pixelDescription(), frames);
            codestreams = checked;
        }
        return checked;
    }

    /**
     * Writes the served Part 10 object in transfer syntax {@code uid}: the stored bytes when that is
     * the stored syntax, else a transcoding that streams (compressed frames are decoded one at a
     * time). The File Meta is the stored one with the new Transfer Syntax UID.
     *
     * @throws org.vesalius.dicom.codec.UnsupportedTranscodingException see {@link #unavailableIn}
     */
    public void writePart10(String uid, OutputStream out) throws IOException {
        if (uid.equals(transferSyntaxUid())) {
            try (InputStream in = openPart10()) {
                in.transferTo(out);
            }
            return;
        }
        // Decoders are chosen by the stored syntax; a deflated data set is read inflated.
        TransferSyntax from = head.syntax.deflated() ? head.readSyntax() : head.syntax;
        try (InputStream in = openDataSetForReading()) {
            Transcoder.transcodePart10(head.fileMeta, in, from, TransferSyntax.of(uid), out, decodeLimits);
        }
    }

    /** The served data set as plain bytes to parse: inflated when stored deflated. */
    InputStream openDataSetForReading() throws IOException {
        InputStream raw = blobs.open(blob.key());
        try {
            raw.skipNBytes(head.prefix.length);
            InputStream ds = head.dataSet(raw);
            return plan.isEmpty() ? ds : new SplicedInputStream(ds, plan);
        } catch (IOException | RuntimeException e) {
            closeQuietly(raw, e);
            throw e;
        }
    }

    /** The syntax to parse {@link #openDataSetForReading()} with. */
    TransferSyntax readSyntax() {
        return head.readSyntax();
    }

    StoredHead head() {
        return head;
    }

    /** The patient the journal knows the instance by: as stored, after ingest's coercions. */
    PatientId identity() {
        return identity;
    }

    /** The name it gives as Modifying System in the Original Attributes Sequence. */
    String modifyingSystem() {
        return modifyingSystem;
    }

    /** Whether ingest coerced it (a coercion record lies beside the blob). */
    boolean coerced() {
        return coerced;
    }

    private static void closeQuietly(InputStream in, Exception cause) {
        try {
            in.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
