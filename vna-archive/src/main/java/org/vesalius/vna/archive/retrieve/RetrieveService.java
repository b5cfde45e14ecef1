package org.vesalius.vna.archive.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.ingest.Coercion;
import org.vesalius.vna.archive.ingest.CoercionRecords;
import org.vesalius.vna.archive.ingest.InstanceVersions;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.journal.JournalEntry;
import org.vesalius.vna.archive.journal.JournalView;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.InstanceKeys;
import org.vesalius.vna.archive.storage.StorageUnavailableException;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * The one way instances leave the archive, whatever the edge (WADO-RS, WADO-URI, and later
 * C-MOVE/C-GET, RAD-69, rendering, transcoding): locate them in the blob store, work out the
 * header the archive serves (coercions, journal), and stream. ARCHITECTURE.md §3.
 *
 * <ul>
 *   <li><b>The blob store is the truth.</b> Instances are found by listing it (one listing per
 *       study or series), not through the index, so an instance is retrievable the moment its
 *       ingest is acknowledged, with the index down too.</li>
 *   <li><b>Journal applied</b> (invariant 3): what is served carries the same values the index
 *       was given, so WADO and QIDO agree.</li>
 *   <li><b>Stream, don't buffer.</b> Only headers are parsed; pixel data flows from the store to
 *       the caller, or is read by range (frames).</li>
 * </ul>
 * Thread-safe.
 */
public final class RetrieveService {

    private final BlobStore blobs;
    private final Journal journal;
    private final CoercionRecords coercions;
    private final RetrieveSettings settings;

    public RetrieveService(BlobStore blobs, Journal journal, RetrieveSettings settings) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.coercions = new CoercionRecords(blobs);
    }

    /** The settings in force. */
    public RetrieveSettings settings() {
        return settings;
    }

    /**
     * The instances of a study, ordered by series then SOP Instance UID; empty when the archive
     * has none.
     *
     * @throws IllegalArgumentException    not a UID
     * @throws StorageUnavailableException the store failed
     */
    public List<InstanceRef> instancesOfStudy(String studyInstanceUid) {
        return InstanceListing.of(blobs, InstanceKeys.studyPrefix(studyInstanceUid)).stream().map(InstanceListing.Entry::ref).toList();
    }

    /** The instances of a series, ordered by SOP Instance UID; empty when the archive has none. */
    public List<InstanceRef> instancesOfSeries(String studyInstanceUid, String seriesInstanceUid) {
        return InstanceListing.of(blobs, InstanceKeys.seriesPrefix(studyInstanceUid, seriesInstanceUid)).stream()
                .map(InstanceListing.Entry::ref).toList();
    }

    /**
     * One instance, ready to stream; empty when it is not stored.
     *
     * @throws StorageUnavailableException the store failed
     * @throws UncheckedIOException        the stored object (or its coercion record, or a journal
     *                                     entry) cannot be read
     */
    public Optional<RetrievableInstance> locate(InstanceRef ref) {
        Optional<BlobKey> current = InstanceVersions.current(blobs, ref);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        return load(ref, current.get(), null, journal.view());
    }

    /**
     * One instance, ready to stream.
     *
     * @throws InstanceNotFoundException it is not stored
     */
    public RetrievableInstance instance(InstanceRef ref) {
        return locate(ref).orElseThrow(() -> new InstanceNotFoundException("no instance " + ref.sopInstanceUid()
                + " in series " + ref.seriesInstanceUid() + " of study " + ref.studyInstanceUid()));
    }

    /**
     * The instances under a study (series null) or series, as {@link Located}: each is read from the
     * store only when asked for, with one view of the journal for all of them. Empty when none.
     */
    public List<Located> list(String studyInstanceUid, String seriesInstanceUid) {
        String prefix = seriesInstanceUid == null ? InstanceKeys.studyPrefix(studyInstanceUid)
                : InstanceKeys.seriesPrefix(studyInstanceUid, seriesInstanceUid);
        JournalView view = journal.view();
        return InstanceListing.of(blobs, prefix).stream().map(e -> new Located(this, e, view)).toList();
    }

    /** An instance found by a listing, loaded on demand. Not thread-safe (its journal view is not). */
    public static final class Located {
        private final RetrieveService service;
        final InstanceListing.Entry entry;
        final JournalView view;

        Located(RetrieveService service, InstanceListing.Entry entry, JournalView view) {
            this.service = service;
            this.entry = entry;
            this.view = view;
        }

        /** Its UIDs. */
        public InstanceRef ref() {
            return entry.ref();
        }

        /**
         * Reads its head and works out what to serve.
         *
         * @throws InstanceNotFoundException it was deleted since the listing
         */
        public RetrievableInstance open() {
            return service.load(entry.ref(), entry.current(), entry.coerced(), view)
                    .orElseThrow(() -> new InstanceNotFoundException("instance " + entry.ref().sopInstanceUid() + " is gone"));
        }
    }

    /** @param coerced whether a coercion record exists, or null when not known */
    Optional<RetrievableInstance> load(InstanceRef ref, BlobKey key, Boolean coerced, JournalView view) {
        Optional<StoredObject> stat = blobs.stat(key);
        if (stat.isEmpty()) {
            return Optional.empty();
        }
        StoredObject blob = stat.get();
        StoredHead head;
        HeaderScan scan;
        try (InputStream raw = blobs.open(blob.key())) {
            PushbackInputStream in = new PushbackInputStream(raw, 256);
            head = StoredHead.read(in);
            scan = HeaderScan.of(head.dataSet(in), head.readSyntax(), settings.maxHeaderBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the header of " + blob.key() + ": " + e.getMessage(), e);
        }
        List<Coercion> recorded = Boolean.FALSE.equals(coerced) ? List.of() : coercions.read(blob.key());
        try {
            ServedHeader served = new ServedHeader(scan.parseAgain(), settings.modifyingSystem());
            String sender = head.fileMeta == null ? "" : head.fileMeta.getString(Tags.SourceApplicationEntityTitle, "");
            served.coerce(recorded, blob.created(), sender);
            List<JournalEntry> entries = view.applicableTo(served.patient());
            served.correct(entries);
            Dataset header = served.finish();
            SplicePlan plan = SplicePlan.between(scan, header, head.readSyntax());
            header.freeze();
            return Optional.of(new RetrievableInstance(blobs, ref, blob, head, header, plan, entries,
                    etag(blob, recorded, entries)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve " + blob.key() + ": " + e.getMessage(), e);
        }
    }

    BlobStore blobs() {
        return blobs;
    }

    private String etag(StoredObject blob, List<Coercion> recorded, List<JournalEntry> entries) {
        StringBuilder sb = new StringBuilder(blob.key().value()).append('\n').append(blob.sha256Hex()).append('\n')
                .append(blob.size()).append('\n').append(settings.modifyingSystem());
        recorded.forEach(c -> sb.append("\n").append(c.rule()).append(org.vesalius.dicom.json.DicomJsonWriter.toJson(c.newValues(), org.vesalius.dicom.json.WriteOptions.DEFAULT)));
        entries.forEach(e -> sb.append('\n').append(e.sequence()));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(d, 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
