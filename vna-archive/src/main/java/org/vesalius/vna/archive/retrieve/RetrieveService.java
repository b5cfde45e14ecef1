package org.vesalius.vna.archive.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.vesalius.dicom.json.TagPath;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.retrieve.ResolvedInstance;
import org.vesalius.vna.archive.api.retrieve.RetrievePort;
import org.vesalius.vna.archive.api.retrieve.RetrieveScope;
import org.vesalius.vna.archive.ingest.CoercionRecords;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.journal.JournalView;
import org.vesalius.vna.archive.query.PatientStudies;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.InstanceKeys;
import org.vesalius.vna.archive.storage.StorageUnavailableException;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * The one way instances leave the archive, whatever the edge (WADO-RS, WADO-URI, C-MOVE/C-GET,
 * and later RAD-69): resolve the request's {@link RetrieveScope} to instances by one call
 * ({@link #resolve}), work out the header the archive serves (coercions, journal), and stream,
 * transcoded when asked. docs/architecture.md, "Flows".
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
public final class RetrieveService implements RetrievePort, AutoCloseable {

    private final BlobStore blobs;
    private final Journal journal;
    private final RetrieveSettings settings;
    private final PatientStudies patients;
    private final InstanceOpener opener;
    private final MetadataCache metadataCache;
    private final MetadataDocuments documents;
    private final SeriesListings listings;
    private final StoredFacts facts = new StoredFacts();
    private final ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
    /** Recently used frame lookups, by blob key (what a key holds never changes). */
    private final Map<BlobKey, PixelData> frames = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<BlobKey, PixelData> eldest) {
            return size() > 512;
        }
    });

    /** Without an index: a {@link RetrieveScope.Patient} scope is refused. */
    public RetrieveService(BlobStore blobs, Journal journal, RetrieveSettings settings) {
        this(blobs, journal, settings, null);
    }

    /** @param patients finds a patient's studies in the index (null: none, patient scopes are refused) */
    public RetrieveService(BlobStore blobs, Journal journal, RetrieveSettings settings, PatientStudies patients) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.patients = patients;
        this.opener = new InstanceOpener(blobs, new CoercionRecords(blobs), settings);
        this.metadataCache = new MetadataCache(blobs, settings.metadataCache());
        this.documents = new MetadataDocuments(metadataCache, settings.modifyingSystem());
        this.listings = new SeriesListings(blobs);
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
        return resolve(RetrieveScope.study(studyInstanceUid)).stream().map(Located::ref).toList();
    }

    /** The instances of a series, ordered by SOP Instance UID; empty when the archive has none. */
    public List<InstanceRef> instancesOfSeries(String studyInstanceUid, String seriesInstanceUid) {
        return resolve(RetrieveScope.series(studyInstanceUid, seriesInstanceUid)).stream().map(Located::ref).toList();
    }

    /**
     * The instances of {@code scope}, each in its current version, read from the store only when
     * asked for, with one view of the journal for all of them: studies study by study as given,
     * each by series then SOP Instance UID; a patient's studies newest first. Empty when the
     * archive holds none. The blob store is listed (one listing per study, series, or asked
     * instance), never the index, but for a patient's studies.
     *
     * @throws IllegalArgumentException            a UID that is not one
     * @throws StorageUnavailableException         the store failed
     * @throws org.vesalius.vna.archive.api.retrieve.PatientStudiesUnavailableException a patient scope without an index to ask, or
     *                                             whose studies cannot all be listed
     * @throws org.vesalius.vna.archive.index.IndexUnavailableException a patient scope while the
     *                                             index is down
     */
    @Override
    public List<Located> resolve(RetrieveScope scope) {
        JournalView view = journal.view();
        return ScopeListing.of(blobs, listings, patients, scope).stream().map(e -> new Located(this, e, view)).toList();
    }

    /**
     * One instance, ready to stream; empty when it is not stored.
     *
     * @throws StorageUnavailableException the store failed
     * @throws UncheckedIOException        the stored object (or its coercion record, or a journal
     *                                     entry) cannot be read
     */
    public Optional<RetrievableInstance> locate(InstanceRef ref) {
        List<Located> found = resolve(RetrieveScope.instance(ref));
        return found.isEmpty() ? Optional.empty() : found.get(0).opened();
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
        return resolve(seriesInstanceUid == null ? RetrieveScope.study(studyInstanceUid)
                : RetrieveScope.series(studyInstanceUid, seriesInstanceUid));
    }

    /** An instance found by a listing, loaded on demand. */
    public static final class Located implements ResolvedInstance {
        private final RetrieveService service;
        final InstanceListing.Entry entry;
        final JournalView view;

        Located(RetrieveService service, InstanceListing.Entry entry, JournalView view) {
            this.service = service;
            this.entry = entry;
            this.view = view;
        }

        /** Its UIDs. */
        @Override
        public InstanceRef ref() {
            return entry.ref();
        }

        /**
         * The transfer syntax it is stored in: known from an earlier read of the same stored
         * object, else read (its header, which is kept for next time).
         *
         * @throws InstanceNotFoundException it was deleted since the listing
         */
        @Override
        public String transferSyntaxUid() {
            StoredFacts.Facts f = service.facts.get(entry.current());
            return f != null ? f.transferSyntaxUid() : open().transferSyntaxUid();
        }

        /**
         * Length of the served Part 10 object in its stored syntax: without a read when an
         * earlier one showed that it is served as stored; else its header is read.
         *
         * @throws InstanceNotFoundException it was deleted since the listing
         */
        @Override
        public long part10Length() {
            long n = service.facts.asStoredLength(entry, view);
            return n >= 0 ? n : open().part10Length();
        }

        /**
         * The served Part 10 object in its stored syntax: the stored object opened once, without
         * its header being parsed, when it is known to be served as stored.
         *
         * @throws InstanceNotFoundException it was deleted since the listing
         */
        @Override
        public InputStream openPart10() {
            if (service.facts.asStoredLength(entry, view) < 0) {
                return open().openPart10();
            }
            try {
                return service.blobs.open(entry.current());
            } catch (org.vesalius.vna.archive.storage.BlobNotFoundException e) {
                throw new InstanceNotFoundException("instance " + entry.ref().sopInstanceUid() + " is gone");
            }
        }

        /**
         * Reads its head and works out what to serve.
         *
         * @throws InstanceNotFoundException it was deleted since the listing
         */
        @Override
        public RetrievableInstance open() {
            return opened().orElseThrow(() -> new InstanceNotFoundException("instance " + entry.ref().sopInstanceUid() + " is gone"));
        }

        Optional<RetrievableInstance> opened() {
            Optional<RetrievableInstance> opened = service.opener.open(entry.ref(), entry.current(), entry.coerced(), view);
            opened.ifPresent(service.facts::record);
            return opened;
        }
    }

    BlobStore blobs() {
        return blobs;
    }

    /**
     * The frames of an instance; empty when it has no pixel data. Frame lookups are kept for the
     * most recently asked instances (a viewer asks for one frame per request).
     *
     * @throws InstanceNotFoundException it is not stored
     */
    public Optional<PixelData> pixelData(InstanceRef ref) {
        return pixelData(current(ref));
    }

    /**
     * The frames of an instance already looked up (a rendering has it): no second lookup.
     *
     * @throws InstanceNotFoundException it was deleted since
     */
    public Optional<PixelData> pixelData(RetrievableInstance instance) {
        return pixelData(instance.blob());
    }

    private Optional<PixelData> pixelData(StoredObject blob) {
        PixelData cached = frames.get(blob.key());
        if (cached != null) {
            return Optional.of(cached);
        }
        try {
            PixelData p = PixelDataScan.of(blobs, blob);
            if (p != null) {
                frames.put(blob.key(), p);
            }
            return Optional.ofNullable(p);
        } catch (org.vesalius.vna.archive.storage.BlobNotFoundException e) {
            throw new InstanceNotFoundException("instance " + blob.key() + " is gone");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pixel data of " + blob.key() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The value at {@code path} in an instance (a bulk data URI's target); empty when the path
     * names no element with a value. Bulk data is read from the stored object: the journal changes
     * patient attributes, never bulk data.
     *
     * @throws InstanceNotFoundException it is not stored
     */
    public Optional<BulkDataValue> bulkData(InstanceRef ref, TagPath path) {
        StoredObject blob = current(ref);
        try {
            BulkDataScan.Found found = BulkDataScan.find(blobs, blob, path);
            if (found == null) {
                return Optional.empty();
            }
            StoredRegion region = new StoredRegion(blobs, blob.key(), found.head());
            if (found.encapsulated()) {
                return pixelData(blob).filter(p -> p.encapsulated() && path.depth() == 0)
                        .map(p -> new BulkDataValue(p.version(), found.vr(), region, -1, -1, 1, p));
            }
            int swap = found.head().syntax.bigEndian() ? found.vr().swapUnit() : 1;
            String version = blob.key().value() + "@" + blob.sha256Hex();
            return Optional.of(new BulkDataValue(version, found.vr(), region, found.offset(), found.length(), swap, null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + " of " + blob.key() + ": " + e.getMessage(), e);
        }
    }

    /** The current version of an instance, as {@link #resolve} finds it. */
    private StoredObject current(InstanceRef ref) {
        return resolve(RetrieveScope.instance(ref)).stream().findFirst().flatMap(l -> blobs.stat(l.entry.current())).orElseThrow(() -> new InstanceNotFoundException(
                "no instance " + ref.sopInstanceUid() + " in series " + ref.seriesInstanceUid() + " of study " + ref.studyInstanceUid()));
    }

    /**
     * The metadata of a study (series and SOP null), a series (SOP null) or an instance, to be
     * written as DICOM JSON ({@link Metadata#writeJson}).
     *
     * @throws InstanceNotFoundException the archive holds none of it
     */
    public Metadata metadata(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
        List<Located> found = resolve(sopInstanceUid != null
                ? RetrieveScope.instance(new InstanceRef(studyInstanceUid, seriesInstanceUid, sopInstanceUid))
                : seriesInstanceUid != null ? RetrieveScope.series(studyInstanceUid, seriesInstanceUid)
                : RetrieveScope.study(studyInstanceUid));
        if (found.isEmpty()) {
            throw new InstanceNotFoundException(sopInstanceUid != null ? "no instance " + sopInstanceUid + " in series "
                    + seriesInstanceUid + " of study " + studyInstanceUid
                    : seriesInstanceUid != null ? "no series " + seriesInstanceUid + " in study " + studyInstanceUid
                    : "no study " + studyInstanceUid);
        }
        return new Metadata(found, documents::of, readers, settings.parallelism());
    }

    /** Waits for background cache writes (tests). */
    void awaitCacheWrites() throws InterruptedException {
        metadataCache.awaitWrites();
    }

    @Override
    public void close() {
        metadataCache.close();
        readers.close();
    }
}
