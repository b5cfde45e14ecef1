package org.vesalius.vna.archive.ingest;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.MalformedDicomException;
import org.vesalius.dicom.io.TruncatedDicomException;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.ingest.Coercion;
import org.vesalius.vna.archive.api.ingest.Indexing;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult.Disposition;
import org.vesalius.vna.archive.api.ingest.IngestResult.Duplicate;
import org.vesalius.vna.archive.api.ingest.IngestResult.InvalidObject;
import org.vesalius.vna.archive.api.ingest.IngestResult.Problem;
import org.vesalius.vna.archive.api.ingest.IngestResult.ProcessingFailure;
import org.vesalius.vna.archive.api.ingest.IngestResult.SourceFailure;
import org.vesalius.vna.archive.api.ingest.IngestResult.StorageUnavailable;
import org.vesalius.vna.archive.api.ingest.IngestResult.Stored;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.api.ingest.ObjectIds;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.journal.JournalReplay;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.ContentReadException;
import org.vesalius.vna.archive.storage.StorageUnavailableException;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * The one way objects enter the archive, whatever the edge (C-STORE SCP, STOW-RS, migration):
 * parse the header while the bytes stream in, validate, coerce, store (deduplicated), index or
 * queue. docs/architecture.md, "Flows".
 *
 * <ul>
 *   <li><b>One pass, bounded memory.</b> Only the header (the data set before Pixel Data) is
 *       held, at most {@link IngestSettings#maxHeaderBytes()} and {@link HeaderLimits}' counts,
 *       its estimated heap covered by the shared {@link HeaderMemory} budget until the answer
 *       (no room within the wait: {@link StorageUnavailable}, retry later); the rest streams from the sender
 *       into {@link BlobStore#put} with its SHA-256 computed on the way, and is checked for
 *       completeness as it passes.</li>
 *   <li><b>Bytes as received.</b> The blob is exactly what was sent (a C-STORE data set gets a
 *       File Meta in front). Coercions are recorded beside it ({@link CoercionRecords}) and
 *       applied to the indexed header.</li>
 *   <li><b>Durable before success</b> (invariant 1): {@link Stored} is returned only after the
 *       blob and its coercion record are durable and the instance is indexed or durably queued
 *       ({@link IndexFeed}; invariant 4).</li>
 *   <li><b>Idempotent</b> on SOP Instance UID (invariant 2): see {@link DuplicatePolicy}.</li>
 *   <li><b>One patient per study:</b> an instance whose patient contradicts the study it joins is
 *       refused, or stored with a warning, as {@link PatientMismatchPolicy} says ({@link StudyPatients}).</li>
 *   <li><b>Nothing left behind</b> on failure: a refused object is never written; one that turns
 *       out truncated while it streams is discarded by the store.</li>
 * </ul>
 * Thread-safe; never throws for bad input or unavailable storage: every outcome is an
 * {@link IngestResult}.
 */
final class IngestService implements IngestPort {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final ObjectParser parser;
    private final HeaderMemory headerMemory;
    private final InstanceWriter writer;
    private final CoercionRecords records;
    private final InstanceLoader loader;
    private final StudyPatients studyPatients;
    private final Journal journal;
    private final IndexFeed feed;
    private final List<CoercionRule> rules;
    private final IngestSettings settings;
    private final Clock clock;

    /**
     * @param journal the server's one metadata journal: ingest applies its entries to what it
     *                indexes, and retrieval, update and the index catch-up read the same one (and
     *                its cache of parsed entries)
     */
    IngestService(BlobStore blobs, Journal journal, IndexFeed feed, List<CoercionRule> rules, IngestSettings settings,
            Clock clock) {
        Objects.requireNonNull(blobs, "blobs");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.rules = List.copyOf(rules);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.parser = new ObjectParser(settings.maxHeaderBytes(), settings.headerLimits());
        this.headerMemory = new HeaderMemory(settings.headerLimits().effectiveMemoryBudget(), settings.headerLimits().memoryWait());
        this.writer = new InstanceWriter(blobs, clock);
        this.records = new CoercionRecords(blobs);
        this.loader = new InstanceLoader(blobs, records, settings.maxHeaderBytes(), settings.headerLimits(), journal);
        this.studyPatients = new StudyPatients(blobs, loader, journal);
    }

    /** Ingests one object. See the class comment. */
    @Override
    public IngestResult ingest(IngestRequest request) {
        ObjectIds ids = ObjectIds.UNKNOWN;
        // Held until the answer: the header stays in memory while the object is stored and handed on.
        try (HeaderMemory.Lease lease = headerMemory.lease()) {
            ParsedObject object = parser.parse(request, lease);
            ids = object.ids();
            InstanceRef ref = ObjectValidator.validate(object, request);
            List<Coercion> coercions = coerce(request.source(), object.header());
            StudyPatients.Joining joining = studyPatients.join(ref.studyInstanceUid(), object.header());
            boolean stored = false;
            try {
                checkPatient(request, object, ref, joining);
                IngestResult result = store(request, object, ref, coercions);
                stored = result.isStored();
                log(request, result);
                return result;
            } finally {
                joining.release(stored);
            }
        } catch (Refusal r) {
            log(request, r.result());
            return r.result();
        } catch (HeaderMemory.Busy e) {
            return logged(request, new StorageUnavailable(ids, e.getMessage()));
        } catch (IOException e) {
            // The sender's stream broke: its own text (socket errors) stays in the log.
            LOG.info("reading {} from {} failed: {}", LogValue.of(ids.sopInstanceUid()), LogValue.of(request.source()),
                    LogValue.of(String.valueOf(e.getMessage())));
            return new SourceFailure(ids, "reading the object failed before its end; nothing was stored");
        } catch (StorageUnavailableException e) {
            // The store's message names paths or endpoints: for the operator's log, not for the sender.
            LOG.warn("storage unavailable for {} from {}: {}", LogValue.of(ids.sopInstanceUid()), LogValue.of(request.source()),
                    LogValue.of(String.valueOf(e.getMessage())));
            return new StorageUnavailable(ids, "storage unavailable; not stored, send it again later");
        } catch (RuntimeException e) {
            String incident = Long.toHexString(ThreadLocalRandom.current().nextLong());
            LOG.error("ingest of {} from {} failed unexpectedly (incident {})", LogValue.of(ids.sopInstanceUid()),
                    LogValue.of(request.source()), incident, e);
            return new ProcessingFailure(ids, "processing failure, logged as incident " + incident + "; nothing was stored");
        }
    }

    /** The settings in force. */
    public IngestSettings settings() {
        return settings;
    }

    /** Refuses (or, by policy, logs) an instance whose patient contradicts its stored study's. */
    private void checkPatient(IngestRequest request, ParsedObject object, InstanceRef ref, StudyPatients.Joining joining)
            throws Refusal {
        Optional<StudyPatients.Mismatch> mismatch = joining.mismatch();
        if (mismatch.isEmpty()) {
            return;
        }
        String reason = mismatch.get().reason(ref.studyInstanceUid());
        if (settings.patientMismatch() == PatientMismatchPolicy.REFUSE) {
            throw new Refusal(object.ids(), Problem.PATIENT_MISMATCH, reason, mismatch.get().tag());
        }
        LOG.warn("accepted {} from {} by vna.ingest.patient-mismatch=accept: {}", LogValue.of(ref.sopInstanceUid()),
                LogValue.of(request.source()), LogValue.of(reason));
    }

    private List<Coercion> coerce(IngestSource source, Dataset header) {
        List<Coercion> applied = new ArrayList<>(1);
        for (CoercionRule rule : rules) {
            Optional<Coercion> c = rule.coerce(source, header);
            if (c.isPresent()) {
                c.get().applyTo(header);
                applied.add(c.get());
            }
        }
        return applied;
    }

    private IngestResult store(IngestRequest request, ParsedObject object, InstanceRef ref, List<Coercion> coercions)
            throws Refusal, IOException {
        InstanceWriter.Placement placed;
        try {
            placed = writer.place(ref, object.content(), settings.duplicatePolicy());
        } catch (InstanceWriter.DuplicateFound d) {
            return new Duplicate(object.ids(), d.existing.sha256Hex(), d.offeredSha256Hex, d.getMessage());
        } catch (ContentReadException e) {
            throw contentFailure(object, e);
        }
        if (!coercions.isEmpty()) {
            List<Coercion> recorded = records.record(placed.object(), request.source(), clock.instant(), coercions);
            if (recorded != coercions) { // an earlier record of these bytes wins
                recorded.forEach(c -> c.applyTo(object.header()));
                coercions = recorded;
            }
        } else if (placed.disposition() == Disposition.ALREADY_STORED) {
            coercions = records.read(placed.object().key()); // what the first receipt recorded
            for (Coercion c : coercions) {
                c.applyTo(object.header());
            }
        }
        // An instance of a patient the journal has changed arrives after the change: index it changed.
        JournalReplay.apply(object.header(), journal.applicableTo(InstanceLoader.patientOf(object.header())));
        String source = request.source().id();
        ArchivedInstance instance = archivedInstance(ref, object.header(), object.transferSyntaxUid(), placed.object(), source,
                settings.headerLimits().maxIndexed());
        ArchivedInstance toIndex = placed.current() ? instance
                : loader.loadCurrent(ref, source).orElse(instance);
        Indexing indexing = feed.submit(toIndex, request.source().toString());
        return new Stored(instance, placed.disposition(), coercions, indexing);
    }

    /** A failure of the content stream during the put: the object's fault (truncated) or the sender's. */
    private static Refusal contentFailure(ParsedObject object, ContentReadException e) throws IOException {
        if (e.getCause() instanceof TruncatedDicomException t) {
            return new Refusal(object.ids(), Problem.TRUNCATED, "truncated: " + t.getMessage(), t.tag());
        }
        if (e.getCause() instanceof MalformedDicomException m) {
            return new Refusal(object.ids(), Problem.MALFORMED, "malformed DICOM: " + m.getMessage(), m.tag());
        }
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getMessage(), e);
    }

    /**
     * The instance as indexed, from its (coerced) header, trimmed to {@code maxIndexed} elements and
     * items ({@link IndexedHeader}).
     */
    static ArchivedInstance archivedInstance(InstanceRef ref, Dataset header, String transferSyntaxUid,
            StoredObject blob, String source, long maxIndexed) {
        PatientId patient = new PatientId(header.getString(Tags.PatientID, ""), header.getString(Tags.IssuerOfPatientID, ""));
        String sopClass = header.getString(Tags.SOPClassUID, "");
        IndexedHeader.trim(header, maxIndexed);
        header.freeze();
        return new ArchivedInstance(ref, patient, sopClass, transferSyntaxUid, header, blob.toStoredBlob(), blob.created(), source);
    }

    private static IngestResult logged(IngestRequest request, IngestResult result) {
        log(request, result);
        return result;
    }

    private static void log(IngestRequest request, IngestResult result) {
        switch (result) {
            case Stored s -> LOG.debug("{} {} from {}: {}{}{}", s.disposition(), LogValue.of(s.instance().ref().sopInstanceUid()),
                    LogValue.of(request.source()), LogValue.of(s.instance().blob().key()), s.coercions().isEmpty() ? "" : ", coerced",
                    s.indexQueued() ? ", index queued" : "");
            // UIDs, sources and reasons quoting values come from the wire: escaped, so none can forge a line.
            case InvalidObject i -> LOG.info("refused object {} from {}: {}", LogValue.of(i.ids().sopInstanceUid()),
                    LogValue.of(request.source()), LogValue.of(i.reason()));
            case IngestResult.Failure f -> LOG.warn("{} for {} from {}: {}", f.getClass().getSimpleName(),
                    LogValue.of(f.ids().sopInstanceUid()), LogValue.of(request.source()), LogValue.of(f.message()));
        }
    }
}
