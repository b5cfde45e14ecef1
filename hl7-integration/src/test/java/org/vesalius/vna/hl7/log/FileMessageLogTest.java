package org.vesalius.vna.hl7.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMessageLogTest {

    @TempDir
    Path dir;

    private static LoggedMessage message(String controlId, String ackCode) {
        return new LoggedMessage(0, new MessageKey("RIS|HOSP", controlId), Instant.parse("2026-12-07T10:00:00Z"), "127.0.0.1:5000",
                "ADT^A08", "2.5.1", ackCode, "done", ("MSH|^~\\&|RIS|HOSP|||||ADT^A08|" + controlId).getBytes(StandardCharsets.US_ASCII),
                ("MSA|" + ackCode + "|" + controlId).getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void acceptedMessagesAreFoundAgainAfterReopeningAndRefusedOnesAreNot() {
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            assertThat(log.append(message("1", "AA")).sequence()).isEqualTo(1);
            assertThat(log.append(message("2", "AE")).sequence()).isEqualTo(2);
            assertThat(log.append(message("3", "CA")).sequence()).isEqualTo(3);
        }
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            assertThat(log.accepted(new MessageKey("RIS|HOSP", "1"))).hasValueSatisfying(m -> {
                assertThat(m.sequence()).isEqualTo(1);
                assertThat(new String(m.ack(), StandardCharsets.US_ASCII)).isEqualTo("MSA|AA|1");
            });
            assertThat(log.accepted(new MessageKey("RIS|HOSP", "2"))).as("an error is not a reason to refuse a repeat").isEmpty();
            assertThat(log.accepted(new MessageKey("OTHER|HOSP", "1"))).as("another sender's control ID 1").isEmpty();
            assertThat(log.recent(10)).extracting(LoggedMessage::sequence).containsExactly(3L, 2L, 1L);
            assertThat(log.append(message("4", "AA")).sequence()).as("sequence goes on").isEqualTo(4);
            List<String> replayed = new ArrayList<>();
            log.replayAccepted(m -> replayed.add(m.key().controlId()));
            assertThat(replayed).containsExactly("1", "3", "4");
        }
    }

    @Test
    void aRecordCutShortByACrashIsCutOffAndTheLogGoesOn() throws IOException {
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            log.append(message("1", "AA"));
        }
        Path file = dir.resolve("messages.log");
        long complete = Files.size(file);
        byte[] next = FileMessageLog.encode(message("2", "AA"));
        Files.write(file, java.util.Arrays.copyOf(next, next.length - 5), StandardOpenOption.APPEND);
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            assertThat(Files.size(file)).isEqualTo(complete);
            assertThat(log.accepted(new MessageKey("RIS|HOSP", "2"))).isEmpty();
            assertThat(log.append(message("2", "AA")).sequence()).isEqualTo(2);
        }
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            assertThat(log.recent(10)).extracting(LoggedMessage::sequence).containsExactly(2L, 1L);
        }
    }

    @Test
    void hostileTextFieldsAreCutNotFatal() {
        String huge = "x".repeat(100_000);
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            log.append(new LoggedMessage(0, new MessageKey(huge, huge), Instant.now(), huge, huge, huge, "AR", huge, new byte[10], new byte[3]));
        }
        try (FileMessageLog log = FileMessageLog.open(dir)) {
            assertThat(log.recent(1)).singleElement().satisfies(m -> assertThat(m.type()).hasSize(FileMessageLog.MAX_TEXT + 1));
        }
    }
}
