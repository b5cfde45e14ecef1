package org.vesalius.vna.hl7.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.vna.hl7.notify.OutboxEntry.Status;

/** The outbox on disk: once per key, in order per destination and patient, attempts and watermark kept across a reopening. */
class FileOutboxTest {

    @TempDir
    Path dir;

    private static final Instant T = Instant.parse("2026-12-07T10:00:00Z");

    private static byte[] message(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void eachKeyOnceInOrderPerPatientAndEverythingKeptAcrossAReopening() {
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            assertThat(outbox.put("EHR|1.2.1|received 1", "EHR", "P1\\", "1.2.1", "available", T, message("m1"))).isPresent();
            assertThat(outbox.put("EHR|1.2.1|received 1", "EHR", "P1\\", "1.2.1", "available", T, message("m1"))).as("same key")
                    .isEmpty();
            outbox.put("EHR|1.2.2|received 2", "EHR", "P1\\", "1.2.2", "available", T, message("m2"));
            outbox.put("EHR|1.2.3|received 3", "EHR", "P2\\", "1.2.3", "available", T, message("m3"));
            assertThat(outbox.pending()).isEqualTo(3);

            // The first of P1 fails to go: P1's second waits behind it, P2's goes.
            OutboxEntry first = outbox.due(T).orElseThrow();
            assertThat(first.study()).isEqualTo("1.2.1");
            outbox.attempted(first.id(), Status.PENDING, "not delivered: connection refused", T.plusSeconds(10));
            assertThat(outbox.due(T).orElseThrow().study()).as("P1's second waits for its first").isEqualTo("1.2.3");
            outbox.attempted(outbox.due(T).orElseThrow().id(), Status.DELIVERED, "AA", T);
            assertThat(outbox.due(T)).as("nothing due before the backoff ends").isEmpty();
            assertThat(outbox.nextDue()).contains(T.plusSeconds(10));
            outbox.watermark(T.minusSeconds(60));
        }
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            assertThat(outbox.pending()).isEqualTo(2);
            assertThat(outbox.watermark()).isEqualTo(T.minusSeconds(60));
            assertThat(outbox.put("EHR|1.2.1|received 1", "EHR", "P1\\", "1.2.1", "available", T, message("m1"))).as("key remembered")
                    .isEmpty();
            OutboxEntry again = outbox.due(T.plusSeconds(10)).orElseThrow();
            assertThat(again.study()).isEqualTo("1.2.1");
            assertThat(again.attempts()).isEqualTo(1);
            assertThat(again.lastOutcome()).contains("connection refused");
            assertThat(new String(again.message(), StandardCharsets.UTF_8)).isEqualTo("m1");
            outbox.attempted(again.id(), Status.FAILED, "AE 207", T.plusSeconds(10));
            assertThat(outbox.due(T.plusSeconds(10)).orElseThrow().study()).as("a failed one no longer holds the next")
                    .isEqualTo("1.2.2");
            List<OutboxEntry> failed = outbox.recent(Status.FAILED, 10);
            assertThat(failed).singleElement().satisfies(e -> assertThat(e.lastOutcome()).isEqualTo("AE 207"));
            assertThat(outbox.recent(null, 2)).extracting(OutboxEntry::study).containsExactly("1.2.3", "1.2.2");
        }
    }

    @Test
    void aRecordCutShortByACrashIsCutOff() throws IOException {
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            outbox.put("k1", "EHR", "P1\\", "1.2.1", "available", T, message("m1"));
        }
        Path file = dir.resolve("outbox.log");
        long complete = Files.size(file);
        Files.write(file, new byte[] {0x48, 0x4C, 0x4F, 0x42, 0, 0, 1, 0, 1, 2, 3}, StandardOpenOption.APPEND);
        try (FileOutbox outbox = FileOutbox.open(dir)) {
            assertThat(Files.size(file)).isEqualTo(complete);
            assertThat(outbox.pending()).isEqualTo(1);
            assertThat(outbox.put("k2", "EHR", "P1\\", "1.2.2", "available", T, message("m2")).orElseThrow().id()).isEqualTo(2);
        }
    }

    @Test
    void memoryAndFileStayBoundedFinishedMessagesAreDroppedAndACompactedFileKeepsWhatCounts() throws IOException {
        java.time.Clock clock = java.time.Clock.fixed(T, java.time.ZoneOffset.UTC);
        int total = FileOutbox.KEEP_FINISHED + 200;
        try (FileOutbox outbox = FileOutbox.open(dir, clock, 100)) {
            for (int i = 1; i <= total; i++) {
                OutboxEntry e = outbox.put("k" + i, "EHR", "P" + i + "\\", "1.2." + i, "available", T, message("m" + i)).orElseThrow();
                if (i <= total - 3) {
                    outbox.attempted(e.id(), Status.DELIVERED, "AA", T);
                }
            }
            assertThat(outbox.recent(null, 10_000)).as("pending and the last finished").hasSize(FileOutbox.KEEP_FINISHED + 3);
            assertThat(outbox.recent(Status.DELIVERED, 1).get(0).message()).as("a finished message is not kept in memory").isEmpty();
            outbox.watermark(T.minusSeconds(5));
        }
        long before = Files.size(dir.resolve("outbox.log"));
        try (FileOutbox outbox = FileOutbox.open(dir, clock, 100)) {
            assertThat(Files.size(dir.resolve("outbox.log"))).as("compacted").isLessThan(before);
            assertThat(outbox.pending()).isEqualTo(3);
            assertThat(outbox.watermark()).isEqualTo(T.minusSeconds(5));
            OutboxEntry due = outbox.due(T).orElseThrow();
            assertThat(new String(due.message(), StandardCharsets.UTF_8)).isEqualTo("m" + (total - 2));
            assertThat(outbox.put("k1", "EHR", "P1\\", "1.2.1", "available", T, message("m1"))).as("an old key of the last day")
                    .isEmpty();
            assertThat(outbox.put("k-new", "EHR", "P9\\", "1.2.9", "available", T, message("m9")).orElseThrow().id())
                    .as("numbers go on").isEqualTo(total + 1L);
        }
        try (FileOutbox outbox = FileOutbox.open(dir, java.time.Clock.fixed(T.plus(Duration.ofDays(2)), java.time.ZoneOffset.UTC), 100)) {
            assertThat(outbox.pending()).isEqualTo(4);
            assertThat(outbox.put("k1", "EHR", "P1\\", "1.2.1", "available", T, message("m1"))).as("keys older than a day forgotten")
                    .isPresent();
        }
    }

    @Test
    void theBackoffDoublesUpToItsMaximum() {
        NotifySettings settings = new NotifySettings(List.of(), Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(30), new StudyLinks("http://vna", ""));
        assertThat(List.of(settings.backoff(1), settings.backoff(2), settings.backoff(3), settings.backoff(4), settings.backoff(10)))
                .containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30),
                        Duration.ofSeconds(30));
    }
}
