package org.vesalius.vna.archive.journal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.BlobNotFoundException;
import org.vesalius.vna.archive.storage.BlobStore;
import org.vesalius.vna.archive.storage.PutMode;
import org.vesalius.vna.archive.storage.PutResult;
import org.vesalius.vna.archive.storage.StorageUnavailableException;

/**
 * The metadata journal in the blob store (layout {@link JournalKeys}, format
 * {@link JournalFormat}): appending is durable before it returns ({@link BlobStore#put} with
 * {@code IF_ABSENT}, so an entry is never overwritten), reading lists one patient's prefix.
 *
 * <p>Entries are immutable, so parsed entries are kept in memory by key; only the listing is
 * asked of the store on each read, which is what makes an entry appended by another node visible
 * at once. Readers that look at many instances (a series' metadata) take a {@link #view()}, which
 * lists each patient once. Thread-safe.
 */
public final class Journal {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
    private static final int MAX_CACHED = 100_000;

    private final BlobStore blobs;
    private final Clock clock;
    private final Map<BlobKey, JournalEntry> parsed = new ConcurrentHashMap<>();
    private long lastMillis;

    public Journal(BlobStore blobs, Clock clock) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Appends a patient update; returns once it is durable.
     *
     * @param patient   the identity whose instances change
     * @param newValues patient-level attributes ({@link PatientAttributes}); text in any
     *                  character set the data set declares
     * @throws IllegalArgumentException    {@code newValues} sets something else, or nothing
     * @throws StorageUnavailableException the store failed: nothing was appended
     */
    public JournalEntry append(PatientId patient, Dataset newValues, String reason, String source) {
        Objects.requireNonNull(patient, "patient");
        PatientAttributes.check(newValues);
        if (patient.id().isEmpty()) {
            throw new IllegalArgumentException("a patient update needs the Patient ID it is for");
        }
        while (true) {
            Instant at = nextInstant();
            String sequence = STAMP.format(at) + "-" + String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24));
            JournalEntry entry = new JournalEntry(sequence, at, patient, newValues, reason, source);
            PutResult r = blobs.put(entry.key(), new ByteArrayInputStream(JournalFormat.toJson(entry)), PutMode.IF_ABSENT);
            if (r instanceof PutResult.Written) {
                parsed.put(entry.key(), entry);
                return entry;
            }
            // The same millisecond and random suffix twice: draw again.
        }
    }

    /**
     * The entries recorded for {@code patient} (as the identity they were written for), oldest
     * first.
     *
     * @throws StorageUnavailableException the store failed
     * @throws UncheckedIOException        an entry is unreadable: retrieval must not silently
     *                                     serve a header without a change the journal holds
     */
    public List<JournalEntry> entriesOf(PatientId patient) {
        List<BlobKey> keys;
        try (Stream<BlobKey> listing = blobs.list(JournalKeys.prefix(patient))) {
            keys = listing.filter(k -> JournalKeys.sequenceOf(k) != null).toList();
        }
        List<JournalEntry> out = new ArrayList<>(keys.size());
        for (BlobKey key : keys) {
            JournalEntry e = parsed.get(key);
            if (e == null) {
                e = read(key);
                if (e == null) {
                    continue; // deleted meanwhile
                }
                if (parsed.size() >= MAX_CACHED) {
                    parsed.clear();
                }
                parsed.put(key, e);
            }
            if (e.patient().equals(patient)) { // a digest collision would be the only way otherwise
                out.add(e);
            }
        }
        out.sort(Comparator.comparing(JournalEntry::sequence));
        return out;
    }

    /** A view for one request: each patient's entries are listed once, however many instances ask. */
    public JournalView view() {
        return new JournalView(this);
    }

    /** The entries that apply to an instance whose header names {@code original}, in order; see {@link JournalView}. */
    public List<JournalEntry> applicableTo(PatientId original) {
        return view().applicableTo(original);
    }

    private JournalEntry read(BlobKey key) {
        try (InputStream in = blobs.open(key)) {
            return JournalFormat.parse(in);
        } catch (BlobNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable journal entry " + key + ": " + e.getMessage(), e);
        }
    }

    /** Strictly increasing per process, so that two entries appended here sort in append order. */
    private synchronized Instant nextInstant() {
        long now = clock.millis();
        lastMillis = Math.max(now, lastMillis + 1);
        return Instant.ofEpochMilli(lastMillis);
    }
}
