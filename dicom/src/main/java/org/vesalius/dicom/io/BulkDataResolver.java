package org.vesalius.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import org.vesalius.dicom.data.BulkDataRef;

/** Opens the bytes a {@link BulkDataRef} points at, for writers and servers. */
@FunctionalInterface
public interface BulkDataResolver {

    /** The referenced bytes: exactly {@code ref.length()} of them when that is known. */
    InputStream open(BulkDataRef ref) throws IOException;

    /** Resolves file URIs (as recorded by {@link BulkDataHandler#locationIn}) with ranged reads. */
    BulkDataResolver FILES = ref -> {
        java.nio.file.Path path = java.nio.file.Path.of(java.net.URI.create(ref.uri()));
        java.nio.channels.SeekableByteChannel ch = java.nio.file.Files.newByteChannel(path);
        if (ref.offset() > 0) {
            ch.position(ref.offset());
        }
        InputStream in = java.nio.channels.Channels.newInputStream(ch);
        return ref.length() >= 0 ? new LimitedInputStream(in, ref.length()) : in;
    };
}
