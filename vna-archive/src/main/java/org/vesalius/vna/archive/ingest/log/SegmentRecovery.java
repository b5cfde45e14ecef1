package org.vesalius.vna.archive.ingest.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.vna.archive.storage.OwnerOnly;

/**
 * Opening the log: reads every segment, and (unless read-only) cuts each at its first torn or
 * damaged record, keeping the cut bytes under {@code damaged/} for whoever wants to look, and
 * removes segments left without records. A torn tail is expected after a crash or a failed write (a
 * batch whose write or fdatasync did not return was never acknowledged); other damage is not, and is logged
 * as an error: the instances of records lost there are still in the blob store ({@code vna
 * reindex} or {@code vna verify} find them).
 */
final class SegmentRecovery {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentRecovery.class);

    private SegmentRecovery() {
    }

    /**
     * Fills {@code into} with the segments found.
     *
     * @return the position the next record gets
     */
    static long recover(Path directory, boolean readOnly, TreeMap<Long, Segment> into) throws IOException {
        TreeMap<Long, Path> files = new TreeMap<>();
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory, "*.log")) {
                for (Path file : entries) {
                    String name = file.getFileName().toString();
                    String digits = name.substring(0, name.length() - ".log".length());
                    if (digits.length() == 20 && digits.chars().allMatch(Character::isDigit)) {
                        files.put(Long.parseLong(digits), file);
                    } else {
                        LOG.warn("ingest log: {} is not a segment of ours; left alone", file);
                    }
                }
            }
        }
        long next = 0;
        for (Map.Entry<Long, Path> f : files.entrySet()) {
            Segment s = new Segment(f.getValue(), f.getKey());
            SegmentReader.Result r = SegmentReader.read(s.file, s.first, 0, -1, (entry, offset, length) -> s.added(offset, length));
            if (r.damage() != null) {
                long size = Files.size(s.file);
                boolean cut = !readOnly && cut(directory, s.file, r.goodBytes());
                // Torn: a write that never completed, at the end of the last segment after a crash, or of any
                // segment after a failed write (ENOSPC), which the writer then left for a new one.
                if (r.damage().startsWith("torn")) {
                    LOG.warn("ingest log {}: {} ({} byte(s) of a write that never completed, not acknowledged){}",
                            s.file, r.damage(), size - r.goodBytes(), cut ? "; cut off" : "");
                } else {
                    LOG.error("ingest log {}: {}; {} record(s) before it kept, {} byte(s) after it{}; their instances"
                            + " are in the blob store (vna verify lists those the index misses)",
                            s.file, r.damage(), r.records(), size - r.goodBytes(), cut ? " moved to damaged/" : " ignored");
                }
            }
            next = Math.max(next, s.first + s.records);
            if (s.records == 0 && !readOnly) {
                Files.delete(s.file);
                continue;
            }
            if (s.records > 0) {
                into.put(s.first, s);
            }
        }
        return next;
    }

    /**
     * Keeps the bytes after {@code goodBytes} in {@code damaged/}, then truncates the segment there, durably;
     * true when it did. Without room for the copy (a full disk: often why the write was torn) the segment
     * stays as it is, read up to its last whole record: it is never written again, and a later open cuts it.
     * Refusing to open would keep the whole server from starting, reads included, until someone frees space.
     */
    private static boolean cut(Path directory, Path file, long goodBytes) throws IOException {
        Path damaged = directory.resolve("damaged");
        Path copy = damaged.resolve(file.getFileName() + "-from-" + goodBytes);
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            try {
                if (!Files.isDirectory(damaged)) {
                    Files.createDirectory(damaged, OwnerOnly.directory(damaged));
                }
                try (FileChannel out = FileChannel.open(copy, EnumSet.of(StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), OwnerOnly.file(copy))) {
                    long size = in.size();
                    for (long at = goodBytes; at < size; ) {
                        at += in.transferTo(at, size - at, out);
                    }
                    out.force(true);
                }
            } catch (IOException e) {
                try {
                    Files.deleteIfExists(copy); // what went in before the disk was full
                } catch (IOException notThere) {
                    e.addSuppressed(notThere);
                }
                LOG.warn("ingest log {}: no copy of the bytes after byte {} could be kept ({}); the segment is left"
                        + " uncut and read up to there, and is cut at a later start", file, goodBytes, e.toString());
                return false;
            }
            in.truncate(goodBytes);
            in.force(true);
            return true;
        }
    }
}
