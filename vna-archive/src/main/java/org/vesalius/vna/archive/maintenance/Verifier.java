package org.vesalius.vna.archive.maintenance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
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
import org.vesalius.vna.archive.index.DocumentDifference;
import org.vesalius.vna.archive.index.IndexAudit;
import org.vesalius.vna.archive.index.IndexedInstance;
import org.vesalius.vna.archive.ingest.IndexQueue;
import org.vesalius.vna.archive.ingest.InstanceLoader;
import org.vesalius.vna.archive.ingest.InstanceVersions;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobNotFoundException;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.StorageUnavailableException;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * {@code vna verify}: checks every blob against its recorded SHA-256, and the index against the
 * blobs, and reports each difference as a {@link Finding}.
 *
 * <ol>
 *   <li>Every object in the store (instances and their older versions, coercion records, queue
 *       markers) is read to its end and hashed; the digest must be the one recorded when it was
 *       stored, and the size too.</li>
 *   <li>For every instance's current version the header is read with its coercion record, as
 *       reindex would, and the document the index holds is compared with the one it would get, field
 *       by field: missing, describing another object (version, size, digest), or other attribute
 *       values. An instance waiting in the node's ingest log or the index queue
 *       is noted, not a difference; one the index
 *       refused (recorded under {@link IndexQueue#REFUSED_PREFIX}) is reported as such.</li>
 *   <li>Every index document's blob must exist, and every study and series summary must agree
 *       with the instance documents it summarizes.</li>
 * </ol>
 * Storage or index failures stop the run (exit code 2); damaged objects are findings. Read-only:
 * it may run beside the server. Instances stored while it runs can show up as missing from the index
 * for the moment between their storage and their indexing.
 */
public final class Verifier {

    private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);
    private static final int MAX_TRACKED = 1_000_000;
    private static final long PROGRESS_EVERY = 10_000;

    private final BlobStore blobs;
    private final IndexAudit index;
    private final InstanceLoader loader;
    private final VerifySettings settings;
    private final Clock clock;
    private final java.util.function.Supplier<Set<String>> logged;

    public Verifier(BlobStore blobs, IndexAudit index, InstanceLoader loader, VerifySettings settings, Clock clock) {
        this(blobs, index, loader, settings, clock, java.util.Set::of);
    }

    /**
     * @param logged the SOP Instance UIDs the node's ingest log holds unindexed (read when the run
     *               starts): waiting for the catch-up, like queue markers, not a difference
     */
    public Verifier(BlobStore blobs, IndexAudit index, InstanceLoader loader, VerifySettings settings, Clock clock,
            java.util.function.Supplier<Set<String>> logged) {
        this.logged = Objects.requireNonNull(logged, "logged");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.index = Objects.requireNonNull(index, "index");
        this.loader = Objects.requireNonNull(loader, "loader");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The result of checking one blob: its findings, and the instance when it is a current version. */
    private record Checked(List<Finding> findings, long bytes, ArchivedInstance instance) {
    }

    /**
     * Runs the check.
     *
     * @param findings receives each finding as it is made
     * @throws org.vesalius.vna.archive.storage.StorageUnavailableException the blob store failed
     * @throws org.vesalius.vna.archive.index.IndexUnavailableException     the index failed
     */
    public VerifyReport run(Consumer<Finding> findings) {
        Instant started = clock.instant();
        Map<Finding.Code, Long> counts = new EnumMap<>(Finding.Code.class);
        Consumer<Finding> counted = f -> {
            counts.merge(f.code(), 1L, Long::sum);
            findings.accept(f);
        };
        Set<String> queued = new HashSet<>(recordedSops(IndexQueue.PREFIX));
        queued.addAll(logged.get());
        Map<String, String> refused = recordedKeys(IndexQueue.REFUSED_PREFIX);
        long[] totals = new long[4]; // blobs, bytes, instances, documents
        try (Parallel parallel = new Parallel(settings.threads(), "vna-verify");
                Stream<DirectoryWalk.Directory> directories = DirectoryWalk.of(blobs, "", settings.maxDirectoryKeys())) {
            List<ArchivedInstance> pending = new ArrayList<>();
            long nextProgress = PROGRESS_EVERY;
            Iterator<DirectoryWalk.Directory> it = directories.iterator();
            while (it.hasNext()) {
                DirectoryWalk.Directory directory = it.next();
                Set<BlobKey> current = new HashSet<>();
                if (InstanceVersionRuns.isInstancesDirectory(directory.path())) {
                    current.addAll(InstanceVersionRuns.current(blobs, directory, InstanceVersionRuns.versions(directory)));
                }
                for (Checked c : parallel.map(directory.keys(), key -> check(key, current.contains(key)))) {
                    if (c == null) {
                        continue; // deleted since it was listed
                    }
                    totals[0]++;
                    totals[1] += c.bytes();
                    c.findings().forEach(counted);
                    if (c.instance() != null) {
                        totals[2]++;
                        pending.add(c.instance());
                    }
                }
                if (pending.size() >= settings.batchSize()) {
                    compare(pending, queued, refused, counted);
                    pending.clear();
                }
                if (totals[0] >= nextProgress) {
                    LOG.info("verify: {} blob(s), {} byte(s) checked so far", totals[0], totals[1]);
                    nextProgress += PROGRESS_EVERY;
                }
            }
            compare(pending, queued, refused, counted);
            if (settings.compareIndex()) {
                totals[3] = checkDocuments(parallel, counted);
                index.compareSummaries(d -> counted.accept(new Finding(Finding.Code.SUMMARY_DIFFERS, d.id(), "",
                        d.kind() + (d.fields().isEmpty() ? "" : " in " + String.join(", ", d.fields())))));
            }
        }
        return new VerifyReport(totals[0], totals[1], totals[2], totals[3], counts, settings.compareIndex(),
                Duration.between(started, clock.instant()));
    }

    /** Hashes one blob and, for a current version, reads its header; null when it is gone. */
    private Checked check(BlobKey key, boolean currentVersion) {
        Optional<StoredObject> stat = blobs.stat(key);
        if (stat.isEmpty()) {
            return null;
        }
        StoredObject blob = stat.get();
        String sop = InstanceVersions.sopInstanceUidOf(key).orElse("");
        List<Finding> findings = new ArrayList<>(1);
        BlobDigest digest;
        try {
            digest = BlobDigest.of(blobs, blob);
        } catch (BlobNotFoundException e) {
            return null;
        }
        if (!digest.complete(blob.size())) {
            findings.add(digest.failure() != null
                    ? new Finding(Finding.Code.UNREADABLE, key.value(), sop, "read " + digest.size() + " of " + blob.size()
                            + " bytes: " + digest.failure().getMessage())
                    : new Finding(Finding.Code.SIZE_MISMATCH, key.value(), sop, "recorded " + blob.size() + " bytes, read "
                            + digest.size()));
        } else if (blob.sha256Hex() == null) {
            findings.add(new Finding(Finding.Code.NO_DIGEST, key.value(), sop, "content SHA-256 " + digest.sha256Hex()));
        } else if (!blob.sha256Hex().equals(digest.sha256Hex())) {
            findings.add(new Finding(Finding.Code.HASH_MISMATCH, key.value(), sop, "recorded " + blob.sha256Hex()
                    + ", content " + digest.sha256Hex()));
        } else if (digest.failure() != null) {
            findings.add(new Finding(Finding.Code.UNREADABLE, key.value(), sop, digest.failure().getMessage()));
        }
        ArchivedInstance instance = currentVersion ? load(blob, sop, findings) : null;
        return new Checked(findings, digest.size(), instance);
    }

    private ArchivedInstance load(StoredObject blob, String sop, List<Finding> findings) {
        InstanceRef expected = InstanceVersions.refOf(blob.key()).orElseThrow();
        try {
            ArchivedInstance instance = loader.load(blob, null);
            if (!instance.ref().equals(expected)) {
                findings.add(new Finding(Finding.Code.KEY_MISMATCH, blob.key().value(), sop, "header has study "
                        + instance.ref().studyInstanceUid() + ", series " + instance.ref().seriesInstanceUid()
                        + ", SOP instance " + instance.ref().sopInstanceUid()));
                return null;
            }
            return instance;
        } catch (StorageUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            findings.add(new Finding(Finding.Code.HEADER_UNREADABLE, blob.key().value(), sop, Reindexer.describe(e)));
            return null;
        }
    }

    private void compare(List<ArchivedInstance> instances, Set<String> queued, Map<String, String> refused,
            Consumer<Finding> findings) {
        if (!settings.compareIndex() || instances.isEmpty()) {
            return;
        }
        Map<String, String> keys = new HashMap<>();
        instances.forEach(i -> keys.put(i.ref().sopInstanceUid(), i.blob().key()));
        for (DocumentDifference d : index.compare(instances)) {
            String sop = d.sopInstanceUid();
            String key = keys.get(sop);
            Finding finding = switch (d.kind()) {
                case MISSING -> refused.containsKey(sop)
                        ? new Finding(Finding.Code.INDEX_REFUSED, key, sop, "reason recorded in " + refused.get(sop))
                        : queued.contains(sop) ? new Finding(Finding.Code.QUEUED, key, sop, "in " + IndexQueue.PREFIX)
                        : new Finding(Finding.Code.MISSING_FROM_INDEX, key, sop, "");
                case STALE -> new Finding(Finding.Code.STALE_IN_INDEX, key, sop, "differs in " + String.join(", ", d.fields()));
                case ATTRIBUTES -> new Finding(Finding.Code.ATTRIBUTES_DIFFER, key, sop, "differs in "
                        + String.join(", ", d.fields()));
            };
            findings.accept(finding);
        }
    }

    /** Checks that every index document's blob is stored; returns how many documents were checked. */
    private long checkDocuments(Parallel parallel, Consumer<Finding> findings) {
        long documents = 0;
        try (Stream<IndexedInstance> indexed = index.instances()) {
            Iterator<IndexedInstance> it = indexed.iterator();
            List<IndexedInstance> batch = new ArrayList<>();
            while (it.hasNext()) {
                batch.add(it.next());
                if (batch.size() >= settings.batchSize() || !it.hasNext()) {
                    for (Finding f : parallel.map(batch, this::blobOf)) {
                        if (f != null) {
                            findings.accept(f);
                        }
                    }
                    documents += batch.size();
                    batch.clear();
                }
            }
        }
        return documents;
    }

    /** A finding when the document's blob is not stored, else null. */
    private Finding blobOf(IndexedInstance doc) {
        String sop = doc.ref().sopInstanceUid();
        if (!BlobKey.isValid(doc.blobKey())) {
            return new Finding(Finding.Code.BLOB_MISSING, doc.blobKey(), sop, "the index names no valid blob key");
        }
        return blobs.stat(BlobKey.of(doc.blobKey())).isPresent() ? null
                : new Finding(Finding.Code.BLOB_MISSING, doc.blobKey(), sop, "study " + doc.ref().studyInstanceUid()
                        + ", series " + doc.ref().seriesInstanceUid());
    }

    /** SOP Instance UIDs of the records under {@code prefix} ({@code {millis}-{sop}.json}), from their names. */
    private Set<String> recordedSops(String prefix) {
        return recordedKeys(prefix).keySet();
    }

    private Map<String, String> recordedKeys(String prefix) {
        Map<String, String> bySop = new HashMap<>();
        try (Stream<BlobKey> keys = blobs.list(prefix)) {
            keys.limit(MAX_TRACKED).forEach(k -> {
                String name = k.fileName();
                if (name.length() > 19 && name.charAt(13) == '-' && name.endsWith(".json")) {
                    bySop.put(name.substring(14, name.length() - 5), k.value());
                }
            });
        }
        return bySop;
    }
}
