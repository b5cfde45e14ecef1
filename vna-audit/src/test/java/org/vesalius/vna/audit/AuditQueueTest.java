package org.vesalius.vna.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditQueueTest {

    @TempDir
    Path directory;

    @Test
    void recordsAreReadBackInOrderAcrossSegments() throws Exception {
        try (AuditQueue queue = new AuditQueue(directory.resolve("q"), 100)) {
            for (int i = 0; i < 10; i++) {
                queue.append("<m>record " + i + " é</m>");
            }
            assertThat(readAll(queue, queue.delivered())).hasSize(10).first().isEqualTo("<m>record 0 é</m>");
            assertThat(Files.list(directory.resolve("q")).count()).isGreaterThan(2);
        }
    }

    @Test
    void theDeliveredPositionSurvivesReopening() throws Exception {
        Path q = directory.resolve("q");
        try (AuditQueue queue = new AuditQueue(q, 1 << 20)) {
            queue.append("one\nwith a newline");
            queue.append("two");
            queue.markDelivered(queue.read(queue.delivered()).orElseThrow().next());
        }
        try (AuditQueue queue = new AuditQueue(q, 1 << 20)) {
            queue.append("three");
            assertThat(readAll(queue, queue.delivered())).containsExactly("two", "three");
        }
    }

    @Test
    void aTornLastRecordIsCutOffWhenOpened() throws Exception {
        Path q = directory.resolve("q");
        try (AuditQueue queue = new AuditQueue(q, 1 << 20)) {
            queue.append("whole");
        }
        Files.writeString(q.resolve("audit-1.log"), "40 <half a rec", StandardOpenOption.APPEND);
        try (AuditQueue queue = new AuditQueue(q, 1 << 20)) {
            queue.append("next");
            assertThat(readAll(queue, queue.delivered())).containsExactly("whole", "next");
        }
    }

    @Test
    void directoryAndFilesAreOwnerOnly() throws Exception {
        Path q = directory.resolve("q");
        try (AuditQueue queue = new AuditQueue(q, 1 << 20)) {
            queue.append("x");
            queue.markDelivered(new AuditQueue.Position(1, 0));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(q))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(q.resolve("audit-1.log")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(q.resolve("delivered")))).isEqualTo("rw-------");
    }

    @Test
    void aDamagedSegmentIsKeptAndNewRecordsGoToTheNext() throws Exception {
        Path q = directory.resolve("q");
        Files.createDirectories(q);
        Files.writeString(q.resolve("audit-1.log"), "3 abc\nxyz 1 a\n");
        try (AuditQueue queue = new AuditQueue(q, 1 << 20)) {
            queue.append("after");
            assertThat(readAll(queue, queue.delivered())).containsExactly("abc", "after");
        }
        assertThat(Files.readString(q.resolve("audit-1.log"))).isEqualTo("3 abc\nxyz 1 a\n");
    }

    @Test
    void oneWriterPerDirectory() throws Exception {
        Path q = directory.resolve("q");
        try (AuditQueue queue = new AuditQueue(q, 1 << 20)) {
            queue.append("x");
            // The lock is the OS's, per process: a second process is refused the same way (shown in-process by a second channel).
            try (java.nio.channels.FileChannel other = java.nio.channels.FileChannel.open(q.resolve(".lock"),
                    java.nio.file.StandardOpenOption.WRITE)) {
                org.assertj.core.api.Assertions.assertThatThrownBy(other::tryLock)
                        .isInstanceOf(java.nio.channels.OverlappingFileLockException.class);
            }
        }
        try (AuditQueue again = new AuditQueue(q, 1 << 20)) {
            assertThat(readAll(again, again.delivered())).containsExactly("x");
        }
    }

    private static List<String> readAll(AuditQueue queue, AuditQueue.Position from) throws Exception {
        List<String> messages = new ArrayList<>();
        AuditQueue.Position at = from;
        Optional<AuditQueue.Entry> entry;
        while ((entry = queue.read(at)).isPresent()) {
            messages.add(entry.get().message());
            at = entry.get().next();
        }
        return messages;
    }
}
