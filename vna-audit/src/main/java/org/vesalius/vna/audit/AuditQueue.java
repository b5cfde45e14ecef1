package org.vesalius.vna.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The node's audit records, on its own disk, before anything is sent: append-only segment files
 * ({@code audit-<n>.log}) of records framed as RFC 5425 has them ({@code <length> <message>}, plus
 * a newline so that the files read as text), and a {@code delivered} file naming the position up to
 * which the collector has taken them ({@code indexed}: the audit index, likewise). Directory and files are owner-only: they hold patient
 * identifiers.
 *
 * <p>Appending writes to the page cache (the record survives the process being killed);
 * {@link #force()} makes it durable against power loss too, and the sender calls it before it
 * sends. A torn last record (the machine stopped mid-write) is cut off when the queue is opened.
 * Records are kept after delivery: they are the node's audit log. Delivery is at least once: a
 * crash between sending and saving the position sends the last records again.
 */
final class AuditQueue implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AuditQueue.class);

    static final long SEGMENT_BYTES = 16L * 1024 * 1024;
    private static final String DELIVERED = "delivered";

    private final Path directory;
    private final long segmentBytes;
    private final FileChannel lockChannel;
    private FileChannel segment;
    private long segmentNumber;

    /** A position in the queue: the segment and the offset of the next record in it. */
    record Position(long segment, long offset) {

        /** True when this position is at or before {@code other}. */
        boolean notAfter(Position other) {
            return segment < other.segment || (segment == other.segment && offset <= other.offset);
        }
    }

    /** One record and the position right after it. */
    record Entry(String message, Position next) {
    }

    AuditQueue(Path directory, long segmentBytes) throws IOException {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix && !Files.exists(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
        if (posix) {
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        }
        // One writer per directory: a second process appending to the same segment would interleave records.
        Path lockFile = directory.resolve(".lock");
        if (posix && !Files.exists(lockFile)) {
            Files.createFile(lockFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        if (lockChannel.tryLock() == null) {
            lockChannel.close();
            throw new IOException("the audit queue " + directory + " is in use by another process");
        }
        List<Long> segments = segments();
        segmentNumber = segments.isEmpty() ? 1 : segments.getLast();
        long valid = validLength(segmentNumber);
        if (valid < 0) {
            // Damaged inside, not only at the end: kept as it is (it is evidence), appends go to a new segment.
            log.error("audit queue segment {} is damaged; new records go to the next segment", file(segmentNumber));
            segmentNumber++;
            valid = 0;
        }
        segment = open(segmentNumber);
        segment.truncate(valid);
        segment.position(segment.size());
    }

    /** Appends one message; it is in the page cache when this returns. */
    synchronized void append(String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] head = (body.length + " ").getBytes(StandardCharsets.US_ASCII);
        if (segment.size() > 0 && segment.size() + head.length + body.length + 1 > segmentBytes) {
            segment.force(false);
            segment.close();
            segment = open(++segmentNumber);
        }
        ByteBuffer buffer = ByteBuffer.allocate(head.length + body.length + 1).put(head).put(body).put((byte) '\n').flip();
        while (buffer.hasRemaining()) {
            segment.write(buffer);
        }
    }

    /** Makes every appended record durable; returns the end of what is durable now. */
    synchronized Position force() throws IOException {
        segment.force(false);
        return new Position(segmentNumber, segment.size());
    }

    /** The position up to which records were delivered (the start when none was). */
    Position delivered() throws IOException {
        return position(DELIVERED);
    }

    /** Saves the delivered position. */
    void markDelivered(Position position) throws IOException {
        markPosition(DELIVERED, position);
    }

    /**
     * The position saved under {@code name} (each reader of the queue has its own: the collector's
     * {@code delivered}, the index's {@code indexed}), or the start when none was saved.
     */
    Position position(String name) throws IOException {
        Path file = directory.resolve(name);
        if (!Files.exists(file)) {
            List<Long> segments = segments();
            return new Position(segments.isEmpty() ? 1 : segments.getFirst(), 0);
        }
        String[] parts = Files.readString(file, StandardCharsets.US_ASCII).strip().split(" ");
        return new Position(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
    }

    /** Saves a reader's position: written beside, synced, then renamed over the old one. */
    void markPosition(String name, Position position) throws IOException {
        Path temporary = directory.resolve(name + ".tmp");
        if (!Files.exists(temporary) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap((position.segment() + " " + position.offset() + "\n").getBytes(StandardCharsets.US_ASCII)));
            out.force(false);
        }
        try {
            Files.move(temporary, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The record at {@code position} (moving on to the next segment at a segment's end), or empty when there is none yet. */
    Optional<Entry> read(Position position) throws IOException {
        Position at = position;
        while (true) {
            boolean finished; // no more appends to this segment: read after knowing it, so none is missed
            synchronized (this) {
                finished = at.segment() < segmentNumber;
            }
            Path file = file(at.segment());
            if (Files.exists(file)) {
                Optional<Entry> entry;
                try {
                    entry = readAt(file, at);
                } catch (IOException e) {
                    if (!finished) {
                        throw e;
                    }
                    log.error("audit records after offset {} of {} are damaged and are not sent: {}", at.offset(), file, e.toString());
                    entry = Optional.empty();
                }
                if (entry.isPresent()) {
                    return entry;
                }
            }
            if (!finished) {
                return Optional.empty();
            }
            at = new Position(at.segment() + 1, 0);
        }
    }

    private static Optional<Entry> readAt(Path file, Position at) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            in.position(at.offset());
            ByteArrayOutputStream digits = new ByteArrayOutputStream();
            ByteBuffer one = ByteBuffer.allocate(1);
            while (true) {
                one.clear();
                if (in.read(one) <= 0) {
                    return Optional.empty();
                }
                byte b = one.get(0);
                if (b == ' ') {
                    break;
                }
                if (b < '0' || b > '9' || digits.size() > 9) {
                    throw new IOException("audit queue " + file + " is damaged at offset " + at.offset());
                }
                digits.write(b);
            }
            int length = Integer.parseInt(digits.toString(StandardCharsets.US_ASCII));
            ByteBuffer body = ByteBuffer.allocate(length + 1);
            while (body.hasRemaining()) {
                if (in.read(body) <= 0) {
                    return Optional.empty(); // being written
                }
            }
            String message = new String(body.array(), 0, length, StandardCharsets.UTF_8);
            return Optional.of(new Entry(message, new Position(at.segment(), in.position())));
        }
    }

    /**
     * The length of the whole records at the start of a segment (what is after them is a torn
     * write), or -1 when a record inside is damaged.
     */
    private long validLength(long number) throws IOException {
        Position at = new Position(number, 0);
        Path file = file(number);
        if (!Files.exists(file)) {
            return 0;
        }
        try {
            Optional<Entry> entry;
            while ((entry = readAt(file, at)).isPresent()) {
                at = entry.get().next();
            }
            return at.offset();
        } catch (IOException e) {
            return -1;
        }
    }

    private FileChannel open(long number) throws IOException {
        Path file = file(number);
        if (!Files.exists(file) && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    }

    private Path file(long number) {
        return directory.resolve("audit-" + number + ".log");
    }

    private List<Long> segments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            List<Long> numbers = new ArrayList<>();
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("audit-\\d{1,18}\\.log"))
                    .forEach(n -> numbers.add(Long.parseLong(n.substring(6, n.length() - 4))));
            numbers.sort(null);
            return numbers;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            segment.force(false);
            segment.close();
        } finally {
            lockChannel.close();
        }
    }
}
