package org.vesalius.vna.archive.maintenance;

import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.index.IndexBuild;
import org.vesalius.vna.archive.index.IndexWriteException;
import org.vesalius.vna.archive.index.RebuildableIndex;
import org.vesalius.vna.archive.ingest.IndexQueue;
import org.vesalius.vna.archive.ingest.InstanceLoader;
import org.vesalius.vna.archive.ingest.InstanceVersions;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobNotFoundException;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.StorageUnavailableException;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * {@code vna reindex}: rebuilds the index from the blob store alone. It walks every series
 * directory, reads the header of each instance's current version with its coercion record
 * ({@link InstanceLoader}, so it indexes what ingest indexed), and bulk-indexes it into a new
 * index beside the live one ({@link RebuildableIndex#startBuild}); queries keep using the live
 * index meanwhile. Then it copies over what the live index received while the build ran, switches
 * the alias in one atomic step, copies what arrived during that last step, deletes the previous
 * index (unless kept) and clears the index queue markers the new index satisfies.
 *
 * <p>An object that cannot be indexed (unreadable header, UIDs that are not its key's, a value
 * the index refuses) is reported as a {@link Finding} and skipped; the run goes on. Storage or
 * index failures stop it, and the unfinished index is deleted. A run is not resumable but
 * idempotent: running it again builds a fresh index from the start.
 */
public final class Reindexer {

    private static final Logger LOG = LoggerFactory.getLogger(Reindexer.class);
    private static final long PROGRESS_EVERY = 10_000;

    private final BlobStore blobs;
    private final RebuildableIndex index;
    private final InstanceLoader loader;
    private final IndexQueue queue;
    private final ReindexSettings settings;
    private final Clock clock;

    public Reindexer(BlobStore blobs, RebuildableIndex index, InstanceLoader loader, IndexQueue queue,
            ReindexSettings settings, Clock clock) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.index = Objects.requireNonNull(index, "index");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Runs a reindex.
     *
     * @param findings receives each instance that was skipped, with the reason
     * @throws org.vesalius.vna.archive.index.IndexBuildConflictException another build is marked as running
     * @throws org.vesalius.vna.archive.index.IndexUnavailableException   the index failed; the live index is unchanged
     * @throws StorageUnavailableException                                the blob store failed; the live index is unchanged
     */
    public ReindexReport run(Consumer<Finding> findings) {
        Instant started = clock.instant();
        Run run = new Run(findings);
        try (Parallel parallel = new Parallel(settings.threads(), "vna-reindex");
                IndexBuild build = index.startBuild(settings.takeOver())) {
            run.parallel = parallel;
            run.build = build;
            walk(run);
            Instant catchUpStarted = clock.instant();
            Optional<String> live = build.live();
            if (live.isPresent()) {
                copy(run, live.get(), started.minus(settings.clockSkew()));
            }
            Optional<String> previous = build.switchOver();
            boolean dropped = false;
            if (previous.isPresent()) {
                // Writes that reached the previous index during the switch itself.
                copy(run, previous.get(), catchUpStarted.minus(settings.clockSkew()));
                if (!settings.keepPrevious()) {
                    build.drop(previous.get());
                    dropped = true;
                }
            }
            // A marker is stamped by its writer's clock: only those surely older than the walk go.
            long cleared = settings.clearQueue() ? clearMarkers(started.minus(settings.clockSkew()), run.skippedSops) : 0;
            ReindexReport report = new ReindexReport(build.name(), previous, dropped, run.instances, run.seriesCount, run.studies,
                    run.olderVersions, run.copied.size(), run.skipped, cleared, Duration.between(started, clock.instant()));
            LOG.info(report.summary());
            return report;
        }
    }

    /** The state of one run. */
    private static final class Run {
        final Consumer<Finding> findings;
        final Set<String> skippedSops = new HashSet<>();
        final List<BlobKey> batch = new ArrayList<>();
        Parallel parallel;
        IndexBuild build;
        String study = "";
        String series = "";
        long instances;
        long studies;
        long olderVersions;
        final Set<String> copied = new HashSet<>();
        long skipped;
        long seriesCount;
        long nextProgress = PROGRESS_EVERY;

        Run(Consumer<Finding> findings) {
            this.findings = findings;
        }
    }

    private void walk(Run run) {
        try (Stream<DirectoryWalk.Directory> directories = DirectoryWalk.of(blobs, "studies/", settings.maxDirectoryKeys())) {
            Iterator<DirectoryWalk.Directory> it = directories.iterator();
            while (it.hasNext()) {
                DirectoryWalk.Directory directory = it.next();
                if (!InstanceVersionRuns.isInstancesDirectory(directory.path())) {
                    continue;
                }
                countHierarchy(run, directory.path());
                Map<String, List<BlobKey>> versions = InstanceVersionRuns.versions(directory);
                versions.values().forEach(keys -> run.olderVersions += keys.size() - 1);
                for (BlobKey current : InstanceVersionRuns.current(blobs, directory, versions)) {
                    run.batch.add(current);
                    if (run.batch.size() >= settings.batchSize()) {
                        run.instances += indexKeys(run, run.batch);
                        run.batch.clear();
                        if (run.instances >= run.nextProgress) {
                            LOG.info("reindex: {} instance(s) of {} studies indexed so far", run.instances, run.studies);
                            run.nextProgress += PROGRESS_EVERY;
                        }
                    }
                }
            }
        }
        run.instances += indexKeys(run, run.batch);
        run.batch.clear();
    }

    /** Studies and series directories come together (the listing keeps directories together). */
    private static void countHierarchy(Run run, String instancesPath) {
        String seriesPath = instancesPath.substring(0, instancesPath.length() - "instances/".length());
        String studyPath = seriesPath.substring(0, seriesPath.indexOf("/series/") + 1);
        if (!seriesPath.equals(run.series)) {
            run.series = seriesPath;
            run.seriesCount++;
        }
        if (!studyPath.equals(run.study)) {
            run.study = studyPath;
            run.studies++;
        }
    }

    /** Loads and indexes the instances stored at {@code keys}; returns how many were indexed. */
    private long indexKeys(Run run, List<BlobKey> keys) {
        List<Optional<ArchivedInstance>> loaded = run.parallel.map(List.copyOf(keys), key -> load(run, key));
        return indexLoaded(run, loaded.stream().flatMap(Optional::stream).toList());
    }

    private long indexLoaded(Run run, List<ArchivedInstance> instances) {
        if (instances.isEmpty()) {
            return 0;
        }
        try {
            run.build.index(instances);
            return instances.size();
        } catch (IndexWriteException e) {
            for (Map.Entry<String, String> refused : e.failures().entrySet()) {
                String key = instances.stream().filter(i -> i.ref().sopInstanceUid().equals(refused.getKey()))
                        .map(i -> i.blob().key()).findFirst().orElse("");
                skip(run, new Finding(Finding.Code.INDEX_REFUSED, key, refused.getKey(), refused.getValue()));
            }
            return instances.size() - e.failures().size();
        }
    }

    /** The instance stored at {@code key}, or empty (reported) when it cannot be indexed. */
    private Optional<ArchivedInstance> load(Run run, BlobKey key) {
        InstanceRef expected = InstanceVersions.refOf(key).orElseThrow();
        try {
            Optional<StoredObject> blob = blobs.stat(key);
            if (blob.isEmpty()) {
                return Optional.empty(); // deleted since it was listed
            }
            ArchivedInstance instance = loader.load(blob.get(), null);
            if (!instance.ref().equals(expected)) {
                skip(run, new Finding(Finding.Code.KEY_MISMATCH, key.value(), expected.sopInstanceUid(),
                        "header has study " + instance.ref().studyInstanceUid() + ", series "
                                + instance.ref().seriesInstanceUid() + ", SOP instance " + instance.ref().sopInstanceUid()));
                return Optional.empty();
            }
            return Optional.of(instance);
        } catch (BlobNotFoundException e) {
            return Optional.empty();
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            // Corrupt bytes can fail a parser in many ways; each is this object's problem, not the run's.
            skip(run, new Finding(Finding.Code.HEADER_UNREADABLE, key.value(), expected.sopInstanceUid(), describe(e)));
            return Optional.empty();
        }
    }

    static String describe(RuntimeException e) {
        return e instanceof UncheckedIOException ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private static void skip(Run run, Finding finding) {
        synchronized (run) {
            run.skipped++;
            run.skippedSops.add(finding.sopInstanceUid());
            run.findings.accept(finding);
        }
    }

    /**
     * Indexes again, from the store, what {@code source} received since {@code since}. Both
     * rounds (before and after the switch) reach back by the clock skew, so an instance may be
     * indexed twice; it is counted once.
     */
    private void copy(Run run, String source, Instant since) {
        long copied = 0;
        try (Stream<InstanceRef> refs = run.build.receivedSince(source, since)) {
            Iterator<InstanceRef> it = refs.iterator();
            List<InstanceRef> batch = new ArrayList<>();
            while (it.hasNext()) {
                batch.add(it.next());
                if (batch.size() >= settings.batchSize() || !it.hasNext()) {
                    List<BlobKey> keys = new ArrayList<>();
                    for (InstanceRef ref : batch) {
                        InstanceVersions.current(blobs, ref).ifPresent(keys::add);
                        run.copied.add(ref.sopInstanceUid());
                    }
                    copied += indexKeys(run, keys);
                    batch.clear();
                }
            }
        }
        if (copied > 0) {
            LOG.info("reindex: {} instance(s) received by {} while the build ran copied over", copied, source);
        }
    }

    /**
     * Deletes the markers queued before {@code before}: their instances were stored before the
     * build started, so the walk indexed them (unless skipped). Later markers stay for the catch-up.
     */
    private long clearMarkers(Instant before, Set<String> skipped) {
        long cleared = 0;
        try (Stream<BlobKey> markers = queue.keys()) {
            Iterator<BlobKey> it = markers.iterator();
            while (it.hasNext()) {
                BlobKey marker = it.next();
                String name = marker.fileName(); // {13 digits of millis}-{sop}.json
                boolean old = IndexQueue.queuedAt(marker).map(t -> t.isBefore(before)).orElse(false);
                if (old && !skipped.contains(name.substring(14, name.length() - ".json".length()))) {
                    queue.remove(marker);
                    cleared++;
                }
            }
        }
        return cleared;
    }
}
