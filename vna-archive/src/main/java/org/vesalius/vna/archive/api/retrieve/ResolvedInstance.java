package org.vesalius.vna.archive.api.retrieve;

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
}
