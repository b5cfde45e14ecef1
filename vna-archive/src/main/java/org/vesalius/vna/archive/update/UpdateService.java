package org.vesalius.vna.archive.update;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
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
 * Patient updates (docs/architecture.md, "Flows", Update; invariant 3): the journal entry first, durable,
 * then the index. From the moment {@link #update} has appended the entry, retrieval serves the
 * change and a re-index would index it; the index update that follows only makes QIDO and FHIR
 * say so too.
 *
 * <p>The index update: the patient's studies come from the index (QIDO on Patient ID and Issuer),
 * their instances from the blob store; each instance is loaded as reindex would load it (header,
 * coercions, journal) and indexed again. A durable marker ({@link PendingUpdates}) is written
 * before and removed after, so that an index that is down, or a crash, leaves the work to
 * {@link #drainPending()}, which runs again on a schedule ({@link #start}). The marker also stays
 * until the entry is older than {@code settle}: a study whose first instance was indexed just
 * before the entry may not be searchable yet (Elasticsearch refreshes every second), and the
 * second pass picks it up. Instances that arrive after the entry are indexed changed by ingest.
 */
final class UpdateService implements UpdatePort, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateService.class);
    private static final int BATCH = 100;

    private final Journal journal;
    private final PatientStudies patientStudies;
    private final StudyIndex index;
    private final InstanceLoader loader;
    private final RetrievePort locator;
    private final PendingUpdates pending;
    private final Clock clock;
    private final Duration settle;
    private final ReentrantLock draining = new ReentrantLock();
    private ScheduledExecutorService executor;

    /**
     * @param locator lists a study's instances in the blob store
     * @param settle  how long a finished update keeps its marker for a second pass (the index's
     *                refresh interval and then some; 10 s is plenty for Elasticsearch's 1 s)
     */
    UpdateService(Journal journal, QueryPort queries, StudyIndex index, InstanceLoader loader, RetrievePort locator,
            BlobStore blobs, Clock clock, Duration settle) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.patientStudies = new PatientStudies(Objects.requireNonNull(queries, "queries"));
        this.index = Objects.requireNonNull(index, "index");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.locator = Objects.requireNonNull(locator, "locator");
        this.pending = new PendingUpdates(Objects.requireNonNull(blobs, "blobs"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settle = Objects.requireNonNull(settle, "settle");
    }

    /**
     * Records the update in the journal, then updates the index.
     *
     * @throws IllegalArgumentException the update sets attributes that are not patient-level, or
     *                                  names no Patient ID
     * @throws org.vesalius.vna.archive.storage.StorageUnavailableException the journal could not be
     *                                  written: nothing changed
     */
    @Override
    public UpdateResult update(PatientUpdate update) {
        JournalEntry entry = journal.append(update.patient(), update.newValues(), update.reason(), update.source());
        PendingUpdates.Pending marker = new PendingUpdates.Pending(entry.sequence(), entry.patient(), entry.recordedAt(),
                new LinkedHashSet<>());
        try {
            pending.write(marker);
        } catch (RuntimeException e) {
            // The entry is durable: retrieval and reindex already apply it. Only the index lags.
            LOG.error("journal entry {} written, but its index update could not be queued: {}", entry.sequence(), e.toString());
            return new UpdateResult(entry.sequence(), entry.recordedAt(), 0, true);
        }
        LOG.info("patient update {} for {}: {} ({})", entry.sequence(), LogValue.of(entry.patient()), LogValue.of(update.reason()),
                LogValue.of(update.source()));
        try {
            int n = bringIndexInLine(marker);
            return new UpdateResult(entry.sequence(), entry.recordedAt(), n, false);
        } catch (IndexUnavailableException e) {
            LOG.warn("index unavailable; the index update of {} will be retried: {}", entry.sequence(), e.getMessage());
            return new UpdateResult(entry.sequence(), entry.recordedAt(), 0, true);
        } catch (PatientStudiesUnavailableException e) {
            // The entry is durable; the marker stays, and the index update is retried.
            LOG.error("the index update of {} cannot list the patient's studies; it will be retried: {}", entry.sequence(),
                    e.getMessage());
            return new UpdateResult(entry.sequence(), entry.recordedAt(), 0, true);
        }
    }

    /**
     * Finishes pending index updates: markers whose pass failed, and second passes of those older
     * than {@code settle} (which are then removed).
     *
     * @return instances indexed
     */
    public int drainPending() {
        draining.lock();
        try {
            int n = 0;
            for (PendingUpdates.Pending p : pending.all()) {
                boolean settled = !p.recordedAt().plus(settle).isAfter(clock.instant());
                n += bringIndexInLine(p);
                if (settled) {
                    pending.delete(p.sequence());
                }
            }
            return n;
        } catch (IndexUnavailableException e) {
            LOG.debug("index still unavailable for pending updates: {}", e.getMessage());
            return 0;
        } finally {
            draining.unlock();
        }
    }

    /** Runs {@link #drainPending()} every {@code interval}. */
    public synchronized void start(Duration interval) {
        if (executor != null) {
            throw new IllegalStateException("already started");
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vna-update-catch-up");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                drainPending();
            } catch (RuntimeException e) {
                LOG.error("pending patient updates: {}", e.toString());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    /** Re-indexes the instances of the patient's studies not yet done; records progress in the marker. */
    private int bringIndexInLine(PendingUpdates.Pending marker) {
        int indexed = 0;
        for (String study : patientStudies.of(marker.patient(), true)) {
            if (marker.studies().contains(study)) {
                continue;
            }
            indexed += reindexStudy(study);
            marker.studies().add(study);
            pending.write(marker);
        }
        return indexed;
    }

    private int reindexStudy(String study) {
        List<ArchivedInstance> batch = new ArrayList<>(BATCH);
        int n = 0;
        for (InstanceRef ref : locator.resolve(RetrieveScope.study(study)).stream().map(ResolvedInstance::ref).toList()) {
            Optional<ArchivedInstance> loaded;
            try {
                loaded = loader.loadCurrent(ref, null);
            } catch (UncheckedIOException e) {
                LOG.error("cannot load {} to update its index document: {}", LogValue.of(ref.sopInstanceUid()), LogValue.of(e.getMessage()));
                continue;
            }
            loaded.ifPresent(batch::add);
            if (batch.size() == BATCH) {
                n += write(batch);
            }
        }
        return n + write(batch);
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
