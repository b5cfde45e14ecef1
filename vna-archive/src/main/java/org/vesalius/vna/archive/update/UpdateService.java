package org.vesalius.vna.archive.update;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.retrieve.PatientStudiesUnavailableException;
import org.vesalius.vna.archive.api.retrieve.ResolvedInstance;
import org.vesalius.vna.archive.api.retrieve.RetrievePort;
import org.vesalius.vna.archive.api.retrieve.RetrieveScope;
import org.vesalius.vna.archive.api.update.PatientUpdate;
import org.vesalius.vna.archive.api.update.UpdatePort;
import org.vesalius.vna.archive.api.update.UpdateResult;
import org.vesalius.vna.archive.index.IndexUnavailableException;
import org.vesalius.vna.archive.index.IndexWriteException;
import org.vesalius.vna.archive.index.StudyIndex;
import org.vesalius.vna.archive.ingest.InstanceLoader;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.journal.JournalEntry;
import org.vesalius.vna.archive.query.PatientStudies;
import org.vesalius.vna.archive.storage.BlobStore;

/**
 * Patient updates (docs/architecture.md, "Flows", Update; invariant 3): {@link #update} returns
 * once the journal entry is durable, and from then on retrieval serves the change and a re-index
 * would index it. The index follows behind, on one thread ({@link #start}): it re-indexes every
 * instance of the patient's studies (found in the index, loaded from the blob store as reindex
 * would load them) in batches across studies, the next loaded while the index writes the one
 * before, then tells the {@linkplain #whenIndexed listeners}.
 *
 * <p>What makes the index work survive a crash or an index outage is a durable marker per patient
 * ({@link PendingUpdates}), written by the first update of a patient that has none and removed
 * when the patient's index work is done and has settled: a study whose first instance was indexed
 * just before the entry may not have been searchable at the first pass (Elasticsearch refreshes
 * every second), so a second pass runs once the last update is {@code settle} old. Further updates
 * of a patient whose marker is there write no marker of their own: that is what keeps an update to
 * one durable write (the entry). Markers this service does not know (a crash before, or another
 * node) are adopted at each {@code interval} and finished like its own.
 */
final class UpdateService implements UpdatePort, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateService.class);
    /** Instances per index write: the index's cost is per request as much as per document. */
    private static final int BATCH = 500;
    private static final int PATIENTS_PER_LOOKUP = 200;
    /** The least time between two passes, so that a stream of updates is taken in batches. */
    private static final long PASS_SPACING_MILLIS = 100;

    /** A patient with index work: its markers, how many updates it had and how many the index has. */
    private static final class Tracked {
        final Set<String> markers = new LinkedHashSet<>();
        PatientId identityNow;
        String lastSequence;
        Instant lastUpdate;
        long version;
        long indexedVersion;
        boolean settledPassDone;

        Tracked(PatientId identityNow) {
            this.identityNow = identityNow;
        }

        /** One more update the index does not have yet (callers hold the monitor). */
        void recorded(JournalEntry entry) {
            identityNow = entry.resultingIdentity();
            lastSequence = entry.sequence();
            lastUpdate = entry.recordedAt();
            version++;
            settledPassDone = false;
        }
    }

    private final Journal journal;
    private final PatientStudies patientStudies;
    private final StudyIndex index;
    private final InstanceLoader loader;
    private final RetrievePort locator;
    private final PendingUpdates pending;
    private final LinkStore links;
    private final Clock clock;
    private final Duration settle;
    private final Map<PatientId, Tracked> tracked = new ConcurrentHashMap<>();
    private final List<BiConsumer<PatientId, String>> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock passing = new ReentrantLock();
    private final Semaphore wake = new Semaphore(0);
    /** Writes one batch to the index while the follower loads the next. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().name("vna-update-index-write")
            .daemon().unstarted(r));
    private Thread follower;
    private volatile boolean closed;

    /**
     * @param locator lists a study's instances in the blob store
     * @param settle  how long after a patient's last update its index work is checked once more
     *                (the index's refresh interval and then some; 10 s is plenty for Elasticsearch's 1 s)
     */
    UpdateService(Journal journal, QueryPort queries, StudyIndex index, InstanceLoader loader, RetrievePort locator,
            BlobStore blobs, LinkStore links, Clock clock, Duration settle) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.patientStudies = new PatientStudies(Objects.requireNonNull(queries, "queries"));
        this.index = Objects.requireNonNull(index, "index");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.locator = Objects.requireNonNull(locator, "locator");
        this.pending = new PendingUpdates(Objects.requireNonNull(blobs, "blobs"));
        this.links = Objects.requireNonNull(links, "links");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settle = Objects.requireNonNull(settle, "settle");
    }

    /**
     * Records the update in the journal (durable), makes sure the patient's index work is marked
     * durably, and hands it to the follower.
     *
     * @throws IllegalArgumentException the update sets attributes that are not patient-level, or
     *                                  names no Patient ID
     * @throws org.vesalius.vna.archive.storage.StorageUnavailableException the journal could not be
     *                                  written: nothing changed
     */
    @Override
    public UpdateResult update(PatientUpdate update) {
        JournalEntry entry = journal.append(update.patient(), update.newValues(), update.reason(), update.source());
        if (entry.changesIdentity()) {
            // The way back from the target (FHIR Patient.link replaces); the entry itself is filed under the prior.
            links.put(LinkStore.REPLACES, entry.resultingIdentity(), entry.patient(), entry.recordedAt(), update.source());
        }
        try {
            tracked.compute(entry.patient(), (patient, t) -> {
                Tracked now = t == null ? new Tracked(entry.resultingIdentity()) : t;
                synchronized (now) {
                    if (now.markers.isEmpty()) {
                        // Durable before the answer: a crash from here on leaves the work to whoever adopts it.
                        pending.write(new PendingUpdates.Pending(entry.sequence(), patient, entry.recordedAt()));
                        now.markers.add(entry.sequence());
                    }
                    now.recorded(entry);
                }
                return now;
            });
        } catch (RuntimeException e) {
            // The entry is durable: retrieval and reindex already apply it. Only the index lags; the
            // follower still does the work while this process lives.
            LOG.error("journal entry {} written, but its index work could not be marked durably: {}", entry.sequence(), e.toString());
            tracked.compute(entry.patient(), (patient, t) -> {
                Tracked now = t == null ? new Tracked(entry.resultingIdentity()) : t;
                synchronized (now) {
                    now.recorded(entry);
                }
                return now;
            });
        }
        LOG.info("patient update {} for {}: {} ({})", entry.sequence(), LogValue.of(entry.patient()), LogValue.of(update.reason()),
                LogValue.of(update.source()));
        wake.release();
        return new UpdateResult(entry.sequence(), entry.recordedAt());
    }

    @Override
    public void link(PatientId a, PatientId b, String source) {
        if (a.equals(b)) {
            throw new IllegalArgumentException("a patient cannot be linked to itself: " + a);
        }
        Instant at = clock.instant();
        links.put(LinkStore.SEE_ALSO, a, b, at, source);
        links.put(LinkStore.SEE_ALSO, b, a, at, source);
        LOG.info("patients {} and {} linked ({})", LogValue.of(a), LogValue.of(b), LogValue.of(source));
    }

    @Override
    public boolean unlink(PatientId a, PatientId b, String source) {
        boolean was = links.delete(LinkStore.SEE_ALSO, a, b);
        was |= links.delete(LinkStore.SEE_ALSO, b, a);
        LOG.info("patients {} and {} unlinked ({}){}", LogValue.of(a), LogValue.of(b), LogValue.of(source), was ? "" : ": they were not linked");
        return was;
    }

    /**
     * Registers {@code listener}, told {@code (the patient's identity now, the last journal
     * sequence indexed)} after each pass that brought a patient's updates into the index.
     */
    void whenIndexed(BiConsumer<PatientId, String> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Does the index work that is due now, on the caller's thread: adopts markers left by another
     * process, re-indexes patients with updates the index does not have yet, and gives settled
     * patients their second pass (then removes their markers).
     *
     * @return instances indexed
     */
    public int drainPending() {
        passing.lock();
        try {
            adoptMarkers();
            return pass();
        } catch (IndexUnavailableException | PatientStudiesUnavailableException e) {
            LOG.debug("index still unavailable for pending updates: {}", e.getMessage());
            return 0;
        } finally {
            passing.unlock();
        }
    }

    /** Starts the follower: it works as soon as an update arrives, and adopts markers every {@code interval}. */
    public synchronized void start(Duration interval) {
        if (follower != null) {
            throw new IllegalStateException("already started");
        }
        follower = Thread.ofPlatform().name("vna-update-index").daemon().start(() -> follow(interval));
    }

    @Override
    public synchronized void close() {
        closed = true;
        writer.shutdownNow();
        if (follower != null) {
            follower.interrupt();
            follower = null;
        }
    }

    private void follow(Duration interval) {
        long adoptEvery = Math.max(1, interval.toMillis());
        long nextAdoption = System.nanoTime(); // adopt at once (nanoTime may be negative: compare differences)
        long failures = 0;
        while (!closed) {
            try {
                // Wake for an update, or to look again: the settle passes and the adoption have their own times.
                if (wake.tryAcquire(Math.min(adoptEvery, Math.max(100, settle.toMillis() / 2 + 1)), TimeUnit.MILLISECONDS)) {
                    wake.drainPermits();
                }
                passing.lock();
                try {
                    if (System.nanoTime() - nextAdoption >= 0) {
                        adoptMarkers();
                        nextAdoption = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(adoptEvery);
                    }
                    pass();
                    failures = 0;
                } finally {
                    passing.unlock();
                }
                Thread.sleep(PASS_SPACING_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The index or the blob store is down: the markers keep the work; retry with a growing pause.
                failures++;
                if (failures == 1) {
                    LOG.warn("patient updates: index work waits ({}); it is retried", e.toString());
                }
                try {
                    Thread.sleep(Math.min(adoptEvery, 200L << Math.min(failures, 6)));
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Takes on every marker in the blob store that no tracked patient holds. */
    private void adoptMarkers() {
        Set<String> known = new java.util.HashSet<>();
        tracked.values().forEach(t -> {
            synchronized (t) {
                known.addAll(t.markers);
            }
        });
        for (PendingUpdates.Pending p : pending.all()) {
            if (known.contains(p.sequence())) {
                continue;
            }
            tracked.compute(p.patient(), (patient, t) -> {
                Tracked now = t == null ? new Tracked(identityNow(patient)) : t;
                synchronized (now) {
                    now.markers.add(p.sequence());
                    if (now.lastUpdate == null || now.lastUpdate.isBefore(p.recordedAt())) {
                        now.lastUpdate = p.recordedAt();
                    }
                    if (now.lastSequence == null) {
                        now.lastSequence = p.sequence();
                    }
                    now.version++;
                    now.settledPassDone = false;
                }
                return now;
            });
        }
    }

    /** Where {@code patient}'s entries lead now (a marker names the identity the update was for). */
    private PatientId identityNow(PatientId patient) {
        PatientId identity = patient;
        for (JournalEntry e : journal.applicableTo(patient)) {
            if (e.changesIdentity()) {
                identity = e.resultingIdentity();
            }
        }
        return identity;
    }

    /** A patient whose index work is due in this pass, as it stood when the pass began. */
    private record Due(PatientId patient, Tracked tracked, long version, boolean settled, PatientId identity, String sequence,
            boolean firstPass) {
    }

    private int pass() {
        Instant now = clock.instant();
        List<Due> due = new ArrayList<>();
        for (Map.Entry<PatientId, Tracked> e : List.copyOf(tracked.entrySet())) {
            Tracked t = e.getValue();
            synchronized (t) {
                boolean settled = t.lastUpdate == null || !t.lastUpdate.plus(settle).isAfter(now);
                if (t.indexedVersion < t.version || (settled && !t.settledPassDone)) {
                    due.add(new Due(e.getKey(), t, t.version, settled, t.identityNow, t.lastSequence, t.indexedVersion < t.version));
                }
            }
        }
        int indexed = 0;
        for (int from = 0; from < due.size(); from += PATIENTS_PER_LOOKUP) {
            List<Due> chunk = due.subList(from, Math.min(due.size(), from + PATIENTS_PER_LOOKUP));
            // One lookup for the chunk's patients: with many patients updated, one request each would keep the index busy.
            Map<PatientId, Set<String>> studies = patientStudies.ofEach(chunk.stream().map(Due::patient).toList());
            for (Due d : chunk) {
                indexed += reindex(studies.getOrDefault(d.patient(), Set.of()));
                done(d);
            }
        }
        if (indexed > 0) {
            // The study and series summaries QIDO answers from are written without waiting for a refresh: a correction is
            // something people wait to see, so show it now rather than at the index's next periodic refresh.
            index.refresh();
        }
        return indexed;
    }

    /** The bookkeeping after a patient's pass: tell the listeners, and remove the markers once settled. */
    private void done(Due d) {
        synchronized (d.tracked()) {
            d.tracked().indexedVersion = Math.max(d.tracked().indexedVersion, d.version());
            d.tracked().settledPassDone = d.settled() && d.tracked().version == d.version();
        }
        if (d.firstPass() && d.sequence() != null) {
            tell(d.identity(), d.sequence());
        }
        if (d.settled()) {
            tracked.computeIfPresent(d.patient(), (p, current) -> {
                synchronized (current) {
                    if (current.version != d.version()) {
                        return current; // updated meanwhile: its marker still covers it
                    }
                    for (String marker : current.markers) {
                        pending.delete(marker);
                    }
                }
                return null;
            });
        }
    }

    private void tell(PatientId identity, String sequence) {
        for (BiConsumer<PatientId, String> l : listeners) {
            try {
                l.accept(identity, sequence);
            } catch (RuntimeException e) {
                LOG.warn("a listener of indexed patient updates failed: {}", e.toString());
            }
        }
    }

    /**
     * Re-indexes every instance of a patient's studies, as found in the index under the identity
     * the update was for (a merge's prior patient until the index has moved them).
     */
    private int reindex(Set<String> studies) {
        List<ArchivedInstance> batch = new ArrayList<>(BATCH);
        int n = 0;
        Future<Integer> writing = null; // the batch before, written while this one is loaded
        try {
            for (String study : studies) {
                for (InstanceRef ref : locator.resolve(RetrieveScope.study(study)).stream().map(ResolvedInstance::ref).toList()) {
                    Optional<ArchivedInstance> loaded;
                    try {
                        loaded = loader.loadCurrent(ref, null);
                    } catch (UncheckedIOException e) {
                        LOG.error("cannot load {} to update its index document: {}", LogValue.of(ref.sopInstanceUid()),
                                LogValue.of(e.getMessage()));
                        continue;
                    }
                    loaded.ifPresent(batch::add);
                    if (batch.size() == BATCH) {
                        n += written(writing);
                        List<ArchivedInstance> full = batch;
                        writing = writer.submit(() -> write(full));
                        batch = new ArrayList<>(BATCH);
                    }
                }
            }
            n += written(writing);
            writing = null;
            return n + write(batch);
        } finally {
            if (writing != null) {
                writing.cancel(false); // not started yet: dropped; running: finishes (the pass is redone)
            }
        }
    }

    /** Waits for a batch handed to the writer; its failure is this pass's. */
    private static int written(Future<Integer> writing) {
        if (writing == null) {
            return 0;
        }
        try {
            return writing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the index was written", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private int write(List<ArchivedInstance> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        int n = batch.size();
        try {
            index.index(List.copyOf(batch));
        } catch (IndexWriteException e) {
            LOG.error("the index refused {} document(s) of a patient update: {}", e.failures().size(), e.failures());
            n -= e.failures().size();
        }
        batch.clear();
        return n;
    }
}
