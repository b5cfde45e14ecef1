package org.vesalius.vna.archive.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link BlobStore} adapter must do. A subclass supplies one store for the whole
 * class; each test works under its own key prefix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BlobStoreContract {

    protected static final long MIB = 1024 * 1024;
    private static final int THREADS = 8;
    private static final AtomicInteger TEST_NUMBER = new AtomicInteger();

    /** Prefix of the current test, e.g. {@code c/roundtripsmall-3/}. */
    protected String prefix;

    /** The store under test, the same for every test of the class. */
    protected abstract BlobStore store();

    /**
     * What the backend holds besides committed objects right now: temporary or staged files,
     * incomplete multipart uploads, spool files. Empty when clean.
     */
    protected abstract List<String> leftovers() throws Exception;

    /** How many keys the listing tests create (more than one S3 page). */
    protected int listingSize() {
        return 1100;
    }

    @BeforeEach
    void prefix(TestInfo info) {
        String method = info.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        prefix = "c/" + method + "-" + TEST_NUMBER.incrementAndGet() + "/";
    }

    protected BlobKey key(String name) {
        return BlobKey.of(prefix + name);
    }

    protected static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    protected static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8); // small objects only
        }
    }

    // ---------------------------------------------------------------- round trips

    @Test
    public void smallObjectRoundTrip() throws IOException {
        BlobKey key = key("small.dcm");
        StoredObject stored = store().put(key, bytes("hello, archive"));

        assertThat(stored.key()).isEqualTo(key);
        assertThat(stored.size()).isEqualTo(14);
        assertThat(stored.sha256Hex()).isEqualTo(GeneratedContent.sha256("hello, archive".getBytes(StandardCharsets.UTF_8)));
        assertThat(stored.created()).isNotNull();
        assertThat(read(store().open(key))).isEqualTo("hello, archive");
        StoredObject stat = store().stat(key).orElseThrow();
        assertThat(stat.size()).isEqualTo(14);
        assertThat(stat.sha256Hex()).isEqualTo(stored.sha256Hex());
    }

    @Test
    public void emptyObjectRoundTrip() throws IOException {
        BlobKey key = key("empty");
        StoredObject stored = store().put(key, InputStream.nullInputStream());

        assertThat(stored.size()).isZero();
        assertThat(stored.sha256Hex()).isEqualTo(GeneratedContent.sha256(new byte[0]));
        assertThat(read(store().open(key))).isEmpty();
        assertThat(store().stat(key).orElseThrow().sha256Hex()).isEqualTo(stored.sha256Hex());
    }

    @Test
    public void largeObjectIsStreamedWithItsDigest() throws IOException {
        long size = 64 * MIB + 12_345; // not a multiple of any buffer or part size
        long seed = 64;
        BlobKey key = key("large.dcm");

        StoredObject stored = store().put(key, GeneratedContent.stream(seed, size));

        String expected = GeneratedContent.sha256(seed, size);
        assertThat(stored.size()).isEqualTo(size);
        assertThat(stored.sha256Hex()).isEqualTo(expected);
        assertThat(store().stat(key).orElseThrow().sha256Hex()).isEqualTo(expected);
        assertThat(GeneratedContent.mismatch(seed, 0, size, store().open(key))).isEqualTo(-1);
        // ranges across what are part boundaries for S3 (16 MiB) and buffer boundaries
        for (long offset : new long[] {16 * MIB - 3, 32 * MIB - 1, size - 100}) {
            assertThat(GeneratedContent.mismatch(seed, offset, 100, store().openRange(key, offset, 100)))
                    .as("range at %d", offset).isEqualTo(-1);
        }
    }

    @Test
    public void overwriteReplacesContentAndDigest() throws IOException {
        BlobKey key = key("o.dcm");
        store().put(key, bytes("first version"));
        StoredObject second = store().put(key, bytes("second"));

        assertThat(read(store().open(key))).isEqualTo("second");
        assertThat(store().stat(key).orElseThrow().sha256Hex()).isEqualTo(second.sha256Hex())
                .isEqualTo(GeneratedContent.sha256("second".getBytes(StandardCharsets.UTF_8)));
        assertThat(store().stat(key).orElseThrow().size()).isEqualTo(6);
    }

    // ---------------------------------------------------------------- ranges

    @Test
    public void rangedReadsAtBoundaries() throws IOException {
        long seed = 7;
        int size = 1000;
        BlobKey key = key("ranges");
        store().put(key, GeneratedContent.stream(seed, size));

        long[][] ranges = {{0, 1}, {0, size}, {1, 998}, {size - 1, 1}, {500, 0}, {size, 0}};
        for (long[] r : ranges) {
            assertThat(GeneratedContent.mismatch(seed, r[0], r[1], store().openRange(key, r[0], r[1])))
                    .as("range %d+%d", r[0], r[1]).isEqualTo(-1);
        }
        // past the end: what is there
        assertThat(GeneratedContent.mismatch(seed, size - 1, 1, store().openRange(key, size - 1, 10))).isEqualTo(-1);
        assertThat(GeneratedContent.mismatch(seed, 0, size, store().openRange(key, 0, Long.MAX_VALUE))).isEqualTo(-1);
        assertThat(read(store().openRange(key, size, 5))).isEmpty();
        // invalid
        assertThatThrownBy(() -> store().openRange(key, size + 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().openRange(key, -1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().openRange(key, 0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().openRange(key("missing"), 0, 1)).isInstanceOf(BlobNotFoundException.class);
        assertThatThrownBy(() -> store().openRange(key("missing"), 0, 0)).isInstanceOf(BlobNotFoundException.class);
    }

    @Test
    public void closingARangeEarlyIsFine() throws IOException {
        long seed = 11;
        BlobKey key = key("partial-read");
        store().put(key, GeneratedContent.stream(seed, 4 * MIB));
        for (int i = 0; i < 3; i++) { // the store stays usable after abandoned reads
            try (InputStream in = store().open(key)) {
                assertThat(in.read()).isEqualTo(GeneratedContent.at(seed, 0) & 0xff);
            }
        }
        assertThat(GeneratedContent.mismatch(seed, MIB, 10, store().openRange(key, MIB, 10))).isEqualTo(-1);
    }

    // ---------------------------------------------------------------- stat, delete, missing keys

    @Test
    public void missingKeys() {
        BlobKey key = key("nothing-here");
        assertThat(store().stat(key)).isEmpty();
        assertThatThrownBy(() -> store().open(key)).isInstanceOf(BlobNotFoundException.class)
                .satisfies(e -> assertThat(((BlobNotFoundException) e).key()).isEqualTo(key));
        assertThat(store().delete(key)).isFalse();
    }

    @Test
    public void deleteRemovesTheObject() throws IOException {
        BlobKey key = key("d.dcm");
        BlobKey neighbour = key("e.dcm");
        store().put(key, bytes("to delete"));
        store().put(neighbour, bytes("to keep"));

        assertThat(store().delete(key)).isTrue();

        assertThat(store().stat(key)).isEmpty();
        assertThatThrownBy(() -> store().open(key)).isInstanceOf(BlobNotFoundException.class);
        assertThat(store().delete(key)).isFalse();
        try (Stream<BlobKey> keys = store().list(prefix)) {
            assertThat(keys).containsExactly(neighbour);
        }
        assertThat(read(store().open(neighbour))).isEqualTo("to keep");
        // and the key can be used again
        store().put(key, bytes("again"));
        assertThat(read(store().open(key))).isEqualTo("again");
    }

    // ---------------------------------------------------------------- failures of the source

    @Test
    public void failingSourceLeavesNothing() throws Exception {
        BlobKey small = key("broken-small.dcm");
        BlobKey large = key("broken-large.dcm");

        assertThatThrownBy(() -> store().put(small, GeneratedContent.failingAfter(1, 1000)))
                .isInstanceOf(ContentReadException.class).hasCauseInstanceOf(IOException.class);
        assertThatThrownBy(() -> store().put(large, GeneratedContent.failingAfter(2, 20 * MIB), PutMode.IF_ABSENT))
                .isInstanceOf(ContentReadException.class);

        assertThat(store().stat(small)).isEmpty();
        assertThat(store().stat(large)).isEmpty();
        try (Stream<BlobKey> keys = store().list(prefix)) {
            assertThat(keys).isEmpty();
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    public void failingOverwriteKeepsThePreviousObject() throws Exception {
        BlobKey key = key("kept.dcm");
        StoredObject original = store().put(key, bytes("the original"));

        assertThatThrownBy(() -> store().put(key, GeneratedContent.failingAfter(3, 5000)))
                .isInstanceOf(ContentReadException.class);

        assertThat(read(store().open(key))).isEqualTo("the original");
        assertThat(store().stat(key).orElseThrow().sha256Hex()).isEqualTo(original.sha256Hex());
        assertThat(leftovers()).isEmpty();
    }

    // ---------------------------------------------------------------- IF_ABSENT

    @Test
    public void ifAbsentWritesOnceAndReportsWhatIsThere() throws IOException {
        BlobKey key = key("1.2.3.dcm");

        PutResult first = store().put(key, bytes("instance bytes"), PutMode.IF_ABSENT);
        PutResult same = store().put(key, bytes("instance bytes"), PutMode.IF_ABSENT);
        PutResult different = store().put(key, bytes("other bytes!!!"), PutMode.IF_ABSENT);

        assertThat(first).isInstanceOf(PutResult.Written.class);
        assertThat(same).isInstanceOfSatisfying(PutResult.Existing.class, e -> {
            assertThat(e.sameContent()).isTrue();
            assertThat(e.object().sha256Hex()).isEqualTo(first.object().sha256Hex());
        });
        assertThat(different).isInstanceOfSatisfying(PutResult.Existing.class, e -> {
            assertThat(e.sameContent()).isFalse();
            assertThat(e.offeredSize()).isEqualTo(14);
            assertThat(e.offeredSha256Hex()).isEqualTo(GeneratedContent.sha256("other bytes!!!".getBytes(StandardCharsets.UTF_8)));
            assertThat(e.object().sha256Hex()).isEqualTo(first.object().sha256Hex());
        });
        assertThat(read(store().open(key))).isEqualTo("instance bytes");
    }

    @Test
    public void concurrentIfAbsentWritersOfOneKeyHaveOneWinner() throws Exception {
        BlobKey key = key("contended.dcm");
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<PutResult> results = runConcurrently(i -> () -> {
            start.await();
            return store().put(key, GeneratedContent.stream(100 + i, 200_000), PutMode.IF_ABSENT);
        });

        List<PutResult> written = results.stream().filter(r -> r instanceof PutResult.Written).toList();
        assertThat(written).hasSize(1);
        String winner = written.get(0).object().sha256Hex();
        assertThat(results).allSatisfy(r -> assertThat(r.object().sha256Hex()).isEqualTo(winner));
        assertThat(GeneratedContent.sha256(store().open(key))).isEqualTo(winner);
        assertThat(store().stat(key).orElseThrow().sha256Hex()).isEqualTo(winner);
    }

    @Test
    public void concurrentOverwritesLeaveOneWholeVersion() throws Exception {
        BlobKey key = key("overwritten.dcm");
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<PutResult> results = runConcurrently(i -> () -> {
            start.await();
            return store().put(key, GeneratedContent.stream(200 + i, 300_000 + i), PutMode.OVERWRITE);
        });

        StoredObject now = store().stat(key).orElseThrow();
        String content = GeneratedContent.sha256(store().open(key));
        assertThat(now.sha256Hex()).isEqualTo(content); // the digest belongs to the content
        assertThat(results).extracting(r -> r.object().sha256Hex()).contains(content);
    }

    @Test
    public void concurrentPutsOfDifferentKeys() throws Exception {
        int perThread = 20;
        List<List<StoredObject>> stored = runConcurrently(t -> () -> {
            List<StoredObject> mine = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                long seed = t * 1000L + i;
                mine.add(store().put(key("t" + t + "/" + i + ".dcm"), GeneratedContent.stream(seed, 10_000 + seed)));
            }
            return mine;
        });

        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < perThread; i++) {
                long seed = t * 1000L + i;
                BlobKey key = key("t" + t + "/" + i + ".dcm");
                assertThat(stored.get(t).get(i).sha256Hex()).isEqualTo(GeneratedContent.sha256(seed, 10_000 + seed));
                assertThat(GeneratedContent.mismatch(seed, 0, 10_000 + seed, store().open(key))).isEqualTo(-1);
            }
        }
        try (Stream<BlobKey> keys = store().list(prefix)) {
            assertThat(keys.count()).isEqualTo((long) THREADS * perThread);
        }
    }

    // ---------------------------------------------------------------- keys

    @Test
    public void badKeysAreRejected() {
        for (String bad : new String[] {"../etc/passwd", "a/../b", "/abs", "a\\b", "A.dcm", "a//b", "a/", "",
                ".hidden", "a/./b", "con", "a/nul.dcm", "a b", "caf\u00e9", "x".repeat(201), "a/b."}) {
            assertThatThrownBy(() -> BlobKey.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store().list("../")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().list("/studies")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store().list("a/.s")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- listing

    @Test
    public void listFindsEveryKeyUnderAPrefixAcrossPages() throws Exception {
        Set<BlobKey> created = listingFixture();
        store().put(BlobKey.of("listingx/outside"), bytes("not under the prefix"));

        try (Stream<BlobKey> keys = store().list(LISTING)) {
            List<BlobKey> listed = keys.filter(k -> !isLate(k)).toList();
            assertThat(listed).hasSize(created.size()).containsExactlyInAnyOrderElementsOf(created);
        }
        try (Stream<BlobKey> keys = store().list(LISTING + "g01/")) { // a directory-like prefix
            assertThat(keys.filter(k -> !isLate(k)).collect(Collectors.toSet()))
                    .isEqualTo(created.stream().filter(k -> k.startsWith(LISTING + "g01/")).collect(Collectors.toSet()));
        }
        try (Stream<BlobKey> keys = store().list(LISTING + "g1")) { // a partial segment
            assertThat(keys.filter(k -> !isLate(k)).collect(Collectors.toSet()))
                    .isEqualTo(created.stream().filter(k -> k.startsWith(LISTING + "g1")).collect(Collectors.toSet()));
        }
        try (Stream<BlobKey> keys = store().list(LISTING + "nothing/")) {
            assertThat(keys).isEmpty();
        }
    }

    /**
     * The keys under any directory come together: reindex and verify rely on it to see all
     * versions of an instance in one run. Names around the directory sort before and after
     * {@code /} ({@code a-b}, {@code a.c}, {@code a0}), and directories hold both files and
     * subdirectories.
     */
    @Test
    public void listReturnsTheKeysOfADirectoryTogether() throws Exception {
        List<String> names = List.of("a/1", "a/x/1", "a/x/2", "a/2", "a/y/z/1", "a/y/1", "a/3", "a-b/1", "a.c/1",
                "a0/1", "b/1", "b/x/1", "1", "z");
        for (String name : names) {
            store().put(key(name), bytes(name));
        }
        List<String> listed;
        try (Stream<BlobKey> keys = store().list(prefix)) {
            listed = keys.map(k -> k.value().substring(prefix.length())).toList();
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(names);
        for (String dir : List.of("a/", "a/x/", "a/y/", "a/y/z/", "b/", "b/x/", "a-b/", "a.c/", "a0/")) {
            int first = -1;
            int last = -1;
            int count = 0;
            for (int i = 0; i < listed.size(); i++) {
                if (listed.get(i).startsWith(dir)) {
                    first = first < 0 ? i : first;
                    last = i;
                    count++;
                }
            }
            assertThat(last - first + 1).as("keys under %s in %s", dir, listed).isEqualTo(count);
        }
    }

    /**
     * Consumes the first 10 keys, then adds a key to every group not seen yet, then reads on.
     * A listing made up front could not return any of the late keys; a lazy one (directory by
     * directory, page by page) returns those in parts it has not fetched yet.
     */
    @Test
    public void listIsLazy() throws Exception {
        Set<BlobKey> created = listingFixture();

        List<BlobKey> seen = new ArrayList<>();
        Set<BlobKey> late = new HashSet<>();
        try (Stream<BlobKey> keys = store().list(LISTING)) {
            Iterator<BlobKey> it = keys.iterator();
            for (int i = 0; i < 10; i++) {
                seen.add(it.next());
            }
            Set<String> touchedGroups = seen.stream().map(k -> k.value().substring(LISTING.length(), LISTING.length() + 3))
                    .collect(Collectors.toSet());
            for (int g = 0; g < GROUPS; g++) {
                String group = String.format("g%02d", g);
                if (!touchedGroups.contains(group)) {
                    BlobKey k = BlobKey.of(LISTING + group + "/zz-late-" + TEST_NUMBER.incrementAndGet());
                    store().put(k, bytes("late"));
                    late.add(k);
                }
            }
            it.forEachRemaining(seen::add);
        }

        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(created);
        assertThat(seen).as("keys added after the listing started, in parts not fetched yet")
                .anySatisfy(k -> assertThat(late).contains(k));
    }

    /** Prefix of the shared listing fixture. */
    protected static final String LISTING = "listing/";
    private static final int GROUPS = 11;
    private Set<BlobKey> listing;

    /**
     * {@link #listingSize()} small objects under {@link #LISTING}, in {@value #GROUPS} groups
     * {@code gNN/kNNNN}; made once per class. {@link #listIsLazy()} adds keys named
     * {@code gNN/zz-late-N} to it.
     */
    protected synchronized Set<BlobKey> listingFixture() throws Exception {
        if (listing == null) {
            int n = listingSize();
            List<BlobKey> keys = IntStream.range(0, n)
                    .mapToObj(i -> BlobKey.of(LISTING + String.format("g%02d/k%04d", i * GROUPS / n, i)))
                    .toList();
            runConcurrently(t -> () -> {
                for (int i = t; i < keys.size(); i += THREADS) {
                    store().put(keys.get(i), bytes(Integer.toString(i)));
                }
                return null;
            });
            listing = Set.copyOf(keys);
        }
        return listing;
    }

    private static boolean isLate(BlobKey key) {
        return key.value().contains("/zz-late-");
    }

    // ---------------------------------------------------------------- helpers

    /** Runs task(i) for i in [0, THREADS) on THREADS threads; results in order; rethrows. */
    protected static <T> List<T> runConcurrently(java.util.function.IntFunction<Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                futures.add(pool.submit(task.apply(i)));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
