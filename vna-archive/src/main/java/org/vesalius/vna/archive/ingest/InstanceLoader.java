package org.vesalius.vna.archive.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.BulkDataDescriptor;
import org.vesalius.dicom.io.BulkDataHandler;
import org.vesalius.dicom.io.DatasetBuilder;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ElementHeader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.ingest.Coercion;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.journal.JournalReplay;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * Rebuilds an {@link ArchivedInstance} from the blob store alone: the header read from the stored
 * object (cut where ingest cut it, {@link HeaderStop}) with its recorded coercions applied, then
 * the metadata journal's entries for its patient ({@link Journal}). The index queue's catch-up
 * uses it, and so does {@code vna reindex}: what they index is what ingest indexed, and what
 * retrieval serves.
 */
public final class InstanceLoader {

    private final BlobStore blobs;
    private final CoercionRecords coercions;
    private final long maxHeaderBytes;
    private final HeaderLimits limits;
    private final Journal journal;

    /**
     * With the default {@link HeaderLimits}.
     *
     * @param journal the server's one metadata journal (the one ingest and retrieval use)
     */
    public InstanceLoader(BlobStore blobs, CoercionRecords coercions, long maxHeaderBytes, Journal journal) {
        this(blobs, coercions, maxHeaderBytes, HeaderLimits.DEFAULT, journal);
    }

    /**
     * @param limits  the element, item and depth limits ingest applies: a stored header beyond them
     *                (stored before they were lowered) fails to load rather than exhaust the heap
     * @param journal the server's one metadata journal (the one ingest and retrieval use)
     */
    public InstanceLoader(BlobStore blobs, CoercionRecords coercions, long maxHeaderBytes, HeaderLimits limits, Journal journal) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.coercions = Objects.requireNonNull(coercions, "coercions");
        this.maxHeaderBytes = maxHeaderBytes;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /**
     * The current version of {@code ref}, or empty when it is not stored.
     *
     * @param source the sender, when known (else the File Meta's Source AE Title is used)
     * @throws UncheckedIOException the stored object or its coercion record cannot be read
     */
    public Optional<ArchivedInstance> loadCurrent(InstanceRef ref, String source) {
        Optional<BlobKey> current = InstanceVersions.current(blobs, ref);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        return blobs.stat(current.get()).map(blob -> load(blob, source));
    }

    /**
     * The instance stored as {@code blob}.
     *
     * @throws UncheckedIOException the stored object, its coercion record or a journal entry cannot be read
     */
    public ArchivedInstance load(StoredObject blob, String source) {
        Dataset header = new Dataset();
        Dataset meta = readCoerced(blob.key(), header);
        String who = source != null && !source.isEmpty() ? source
                : meta == null ? "" : meta.getString(Tags.SourceApplicationEntityTitle, "");
        String ts = meta == null ? "" : meta.getString(Tag.TRANSFER_SYNTAX_UID, "");
        JournalReplay.apply(header, journal.applicableTo(patientOf(header)));
        return IngestService.archivedInstance(refOf(header), header, ts, blob, who, limits.maxIndexed());
    }

    /**
     * The header stored under {@code key} with its recorded coercions applied, without the
     * journal's entries: what ingest saw before it stored the object.
     *
     * @throws UncheckedIOException the stored object or its coercion record cannot be read
     */
    Dataset coercedHeader(BlobKey key) {
        Dataset header = new Dataset();
        readCoerced(key, header);
        return header;
    }

    /** Reads the header under {@code key} into {@code header}, applies the recorded coercions; answers the File Meta. */
    private Dataset readCoerced(BlobKey key, Dataset header) {
        Dataset meta;
        try (InputStream in = blobs.open(key)) {
            boolean[] deflated = {false};
            HeaderStop stop = new HeaderStop(maxHeaderBytes);
            Predicate<ElementHeader> stopHere = h -> !deflated[0] && stop.test(h);
            BulkDataDescriptor skip = (depth, tag, vr, length) -> deflated[0]
                    && BulkDataDescriptor.binaryLongerThan(64 * 1024).isBulkData(depth, tag, vr, length);
            DicomStreamReader reader = DicomStreamReader.open(in,
                    limits.applyTo(ReadOptions.DEFAULT).withStopBefore(stopHere).withBulkData(skip, BulkDataHandler.DISCARD));
            deflated[0] = reader.transferSyntax().deflated();
            DatasetBuilder.build(reader, header);
            if (deflated[0]) {
                HeaderStop.trimPixelData(header);
            }
            meta = reader.fileMeta();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the header of " + key + ": " + e.getMessage(), e);
        }
        for (Coercion c : coercions.read(key)) {
            c.applyTo(header);
        }
        return meta;
    }

    private static InstanceRef refOf(Dataset header) {
        return new InstanceRef(header.getString(Tags.StudyInstanceUID, ""), header.getString(Tags.SeriesInstanceUID, ""),
                header.getString(Tags.SOPInstanceUID, ""));
    }

    /** The identity the journal knows an instance by: its Patient ID and Issuer after coercion. */
    static PatientId patientOf(Dataset header) {
        return new PatientId(header.getString(Tags.PatientID, ""), header.getString(Tags.IssuerOfPatientID, ""));
    }
}
