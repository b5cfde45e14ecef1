package org.vesalius.vna.archive.api.update;

/**
 * The archive's update port: metadata changes the hospital asks for (the coming HL7 ADT feed, an
 * admin API, IOCM rejection notes). The implementation writes a journal entry first, durable,
 * then brings the index in line for the instances it touches; an index that is down only delays
 * the second step (see {@link UpdateResult#indexPending()}).
 *
 * <p>Obtain one from the server's wiring ({@code org.vesalius.vna.archive.update.UpdateFeature});
 * implementations are thread-safe.
 */
public interface UpdatePort {

    /**
     * Records the update in the journal, then updates the index.
     *
     * @throws IllegalArgumentException the update sets attributes that are not patient-level, or
     *                                  names no Patient ID
     * @throws RuntimeException         the journal could not be written (storage unavailable):
     *                                  nothing changed
     */
    UpdateResult update(PatientUpdate update);
}
