package org.vesalius.vna.server.durability;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real small filesystem for disk-full tests: a tmpfs of a given size mounted on a directory,
 * which can be grown ({@code mount -o remount,size=}) and filled to the last page. Needs the
 * right to mount (root on Linux, as CI runs): without it the calling test is skipped.
 */
final class SmallFilesystem implements AutoCloseable {

    private final Path directory;

    private SmallFilesystem(Path directory) {
        this.directory = directory;
    }

    /**
     * Mounts a tmpfs of {@code size} (as mount takes it: {@code 4m}) with {@code inodes} files and
     * directories at most on {@code directory}; skips the test if that is not permitted.
     */
    static SmallFilesystem mount(Path directory, String size, int inodes) throws IOException, InterruptedException {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "a tmpfs mount needs Linux");
        Files.createDirectories(directory);
        Run run = run("mount", "-t", "tmpfs", "-o", "size=" + size + ",nr_inodes=" + inodes + ",mode=0755", "tmpfs", directory.toString());
        assumeTrue(run.exitCode() == 0, "mounting a tmpfs is not permitted here (needs root): " + run.output());
        return new SmallFilesystem(directory);
    }

    Path directory() {
        return directory;
    }

    /** Grows (or shrinks) the filesystem, its content kept: the operator's "add space". */
    void resize(String size) throws IOException, InterruptedException {
        Run run = run("mount", "-o", "remount,size=" + size, directory.toString());
        if (run.exitCode() != 0) {
            throw new IllegalStateException("remount of " + directory + " with size " + size + " failed: " + run.output());
        }
    }

    /** Bytes free for an unprivileged writer. */
    long usable() throws IOException {
        return Files.getFileStore(directory).getUsableSpace();
    }

    /** Writes zeros to {@code file} until the filesystem refuses (ENOSPC); returns how many bytes went in. */
    static long fill(Path file) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int size = chunk.length; size > 0; ) {
                try {
                    out.write(chunk, 0, size);
                    out.flush();
                    written += size;
                } catch (IOException full) {
                    size /= 2; // the last pages: smaller writes until not one byte fits
                }
            }
        } catch (IOException closing) {
            // closing a file whose last write failed: it holds what went in
        }
        return written;
    }

    /** Creates empty files in {@code directory} until the filesystem has no inode left; returns how many. */
    static int exhaustInodes(Path directory) throws IOException {
        Files.createDirectories(directory);
        int created = 0;
        try {
            while (true) {
                Files.createFile(directory.resolve(Integer.toString(created)));
                created++;
            }
        } catch (IOException full) {
            return created;
        }
    }

    /** Unmounts (lazily if something still holds it open). */
    @Override
    public void close() throws IOException, InterruptedException {
        if (run("umount", directory.toString()).exitCode() != 0) {
            run("umount", "-l", directory.toString());
        }
    }

    private record Run(int exitCode, String output) {
    }

    private static Run run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Run(-1, String.valueOf(e)); // no mount command at all
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, String.join(" ", command) + " did not end within a minute");
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip());
    }
}
