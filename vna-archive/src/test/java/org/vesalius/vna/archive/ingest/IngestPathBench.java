package org.vesalius.vna.archive.ingest;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.ingest.log.IngestLog;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.archive.storage.fs.FileSystemBlobStore;

/**
 * Not a test: an offline run of the ingest path (parse, validate, store durably, log, index
 * write-behind into an in-memory index) on a few threads, for before/after comparisons of the
 * durable writes. Prints instances/s and process CPU-ms per instance; count flushes with
 * {@code strace -f -c -e trace=fsync,fdatasync} around it. Run from the test class path:
 * {@code java -cp ... org.vesalius.vna.archive.ingest.IngestPathBench <instances> <threads> <work dir> [pixel bytes]}.
 */
public final class IngestPathBench {

    private static final String SOP_BASE = "1.2.826.0.1.3680043.2.1125.9.";

    private IngestPathBench() {
    }

    public static void main(String[] args) throws Exception {
        int instances = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        Path work = Files.createDirectories(Path.of(args[2]));
        int pixelBytes = args.length > 3 ? Integer.parseInt(args[3]) : 512 * 1024;
        int warmUp = Math.min(300, instances / 4);
        byte[] template = TestObjects.part10(TestObjects.ct(SOP_BASE + 1_000_000, "P1", null, pixelBytes, 1));
        int[] at = offsets(template, (SOP_BASE + 1_000_000).getBytes(StandardCharsets.US_ASCII)); // File Meta and data set

        Clock clock = Clock.systemUTC();
        FakeStudyIndex index = new FakeStudyIndex();
        try (FileSystemBlobStore blobs = new FileSystemBlobStore(work.resolve("blobs"));
                IngestFeature feature = IngestFeature.create(blobs, new Journal(blobs, clock), index, List.of(),
                        IngestSettings.DEFAULT, new IngestFeature.WriteBehind(500, Duration.ofMillis(100)),
                        IngestLog.Settings.of(work.resolve("ingest-log")), clock)) {
            AtomicInteger next = new AtomicInteger();
            run(feature, template, at, next, warmUp, threads);
            long cpu0 = cpuNanos();
            long t0 = System.nanoTime();
            long flushes0 = blobs.flushCount();
            IngestLog.Stats log0 = feature.ingestLog().stats();
            run(feature, template, at, next, warmUp + instances, threads);
            long wall = System.nanoTime() - t0;
            long cpu = cpuNanos() - cpu0;
            IngestLog.Stats log1 = feature.ingestLog().stats();
            double perSecond = instances / (wall / 1e9);
            System.out.printf("ingest path: %d instances of %d KB on %d threads: %.0f instances/s, %.3f CPU-ms/instance;"
                    + " blob-store flushes %.2f/instance, log fdatasyncs %.3f/instance (%.1f records per flush),"
                    + " log directory flushes %d%n", instances, template.length / 1024, threads, perSecond,
                    cpu / 1e6 / instances, (blobs.flushCount() - flushes0) / (double) instances,
                    (log1.forces() - log0.forces()) / (double) instances,
                    (log1.records() - log0.records()) / (double) Math.max(1, log1.forces() - log0.forces()),
                    log1.directoryFlushes() - log0.directoryFlushes());
        }
    }

    /** Ingests instances numbered up to {@code end} on {@code threads} threads. */
    private static void run(IngestFeature feature, byte[] template, int[] at, AtomicInteger next, int end, int threads)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                byte[] mine = template.clone();
                for (int i; (i = next.getAndIncrement()) < end; ) {
                    byte[] sop = (SOP_BASE + (1_000_000 + i)).getBytes(StandardCharsets.US_ASCII);
                    for (int offset : at) {
                        System.arraycopy(sop, 0, mine, offset, sop.length);
                    }
                    IngestResult r = feature.ingest().ingest(IngestRequest.part10(IngestSource.stow("bench"),
                            new ByteArrayInputStream(mine), null));
                    if (!(r instanceof IngestResult.Stored)) {
                        throw new IllegalStateException("not stored: " + r);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static int[] offsets(byte[] haystack, byte[] needle) {
        List<Integer> found = new ArrayList<>();
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            found.add(i);
        }
        if (found.isEmpty()) {
            throw new IllegalStateException("SOP Instance UID not found in the template");
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }
}
