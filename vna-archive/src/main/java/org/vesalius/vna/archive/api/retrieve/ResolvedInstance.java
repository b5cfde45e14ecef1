package org.vesalius.vna.archive.api.retrieve;

import java.io.InputStream;
import org.vesalius.vna.archive.api.InstanceRef;

/**
 * An instance a {@link RetrieveScope} resolved to: its current version, found by the one listing
 * of the scope and read from the store only when its turn comes.
 */
public interface ResolvedInstance {

    /** Its UIDs. */
    InstanceRef ref();

    /** The transfer syntax it is stored in (its File Meta only is read). */
    String transferSyntaxUid();

    /** Reads its head and works out what to serve (coercions, journal). */
    ServedInstance open();

    /**
     * Length of the served Part 10 object in its stored transfer syntax, or -1 when unknown:
     * without reading the object when an earlier read showed that it is served as stored.
     */
    default long part10Length() {
        return open().part10Length();
    }

    /**
     * The served Part 10 object in its stored transfer syntax: the stored object, opened once,
     * when it is known to be served as stored; else as {@link ServedInstance#openPart10}.
     */
    default InputStream openPart10() {
        return open().openPart10();
    }
}
