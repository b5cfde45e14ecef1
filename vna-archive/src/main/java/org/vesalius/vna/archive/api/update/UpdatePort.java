package org.vesalius.vna.archive.api.update;

/**
 * The archive's update port: metadata changes the hospital asks for (the coming HL7 ADT feed, an
 * admin API, IOCM rejection notes). The implementation writes a journal entry, durable, and
 * returns: retrieval serves the change from then on; the index follows behind (re-indexing the
 * patient's instances, usually within a second), and an index that is down only delays it.
 *
 * <p>Obtain one from the server's wiring ({@code org.vesalius.vna.archive.update.UpdateFeature});
 * implementations are thread-safe.
 */
public interface UpdatePort {

    /**
     * Records the update in the journal (durable when this returns); the index follows.
     *
     * @throws IllegalArgumentException the update sets attributes that are not patient-level, or
     *                                  names no Patient ID
     * @throws RuntimeException         the journal could not be written (storage unavailable):
     *                                  nothing changed
     */
    UpdateResult update(PatientUpdate update);
}
