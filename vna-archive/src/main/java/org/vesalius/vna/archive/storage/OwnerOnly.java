package org.vesalius.vna.archive.storage;

import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Creation attributes for the archive's own files (blobs, digests, the ingest log, reports): they
 * hold PHI, so only the server's user may read them, whatever the process's umask (a server
 * started by hand, by a service manager or in a container does not always have {@code 077}).
 * On a filesystem without POSIX permissions there is nothing to ask for: the arrays are empty.
 */
public final class OwnerOnly {

    private static final FileAttribute<?>[] NONE = new FileAttribute<?>[0];
    private static final FileAttribute<Set<PosixFilePermission>> FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private OwnerOnly() {
    }

    /** Attributes for a new regular file at {@code file}: {@code rw-------}. */
    public static FileAttribute<?>[] file(Path file) {
        return posix(file) ? new FileAttribute<?>[] {FILE} : NONE;
    }

    /** Attributes for a new directory at {@code directory}: {@code rwx------}. */
    public static FileAttribute<?>[] directory(Path directory) {
        return posix(directory) ? new FileAttribute<?>[] {DIRECTORY} : NONE;
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
