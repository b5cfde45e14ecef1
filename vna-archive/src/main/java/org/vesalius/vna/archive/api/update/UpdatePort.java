package org.vesalius.vna.archive.api.update;

import org.vesalius.vna.archive.api.PatientId;

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

    /**
     * Links two records of one person that both stay (HL7 A24; FHIR {@code Patient.link} seealso
     * on each): nothing changes on their instances. Linking again is harmless.
     *
     * @throws IllegalArgumentException {@code a} and {@code b} are the same patient
     * @throws RuntimeException         the link could not be recorded (storage unavailable)
     */
    default void link(PatientId a, PatientId b, String source) {
        throw new UnsupportedOperationException("this update port keeps no patient links");
    }

    /**
     * Removes the link between two records (HL7 A37).
     *
     * @return false when they were not linked
     * @throws RuntimeException the link could not be removed (storage unavailable)
     */
    default boolean unlink(PatientId a, PatientId b, String source) {
        throw new UnsupportedOperationException("this update port keeps no patient links");
    }
}
