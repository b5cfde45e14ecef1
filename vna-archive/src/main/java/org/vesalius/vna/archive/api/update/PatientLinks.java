package org.vesalius.vna.archive.api.update;

import java.util.Optional;
import org.vesalius.vna.archive.api.PatientId;

/**
 * Where a merged patient went: the links a merge or change of identifier leaves behind (FHIR
 * {@code Patient.link} replaced-by). Read from the journal, the truth of every update.
 */
public interface PatientLinks {

    /**
     * The patient that {@code prior} became by a merge or change of identifier, following every
     * later one; empty when it was never merged (or merged back into itself).
     *
     * @throws org.vesalius.vna.archive.api.failure.UnavailableException the journal cannot be read
     */
    Optional<PatientId> replacedBy(PatientId prior);
}
