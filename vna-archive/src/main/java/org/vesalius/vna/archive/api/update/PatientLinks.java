package org.vesalius.vna.archive.api.update;

import java.util.Optional;
import java.util.Set;
import org.vesalius.vna.archive.api.PatientId;

/**
 * The links between patient records: where a merged patient went and which patients were merged
 * into one (FHIR {@code Patient.link} replaced-by and replaces, read from the journal and the
 * links its merges leave), and records of one person linked while both stay (seealso, HL7
 * A24/A37).
 */
public interface PatientLinks {

    /**
     * The patient that {@code prior} became by a merge or change of identifier, following every
     * later one; empty when it was never merged (or merged back into itself).
     *
     * @throws org.vesalius.vna.archive.api.failure.UnavailableException the journal cannot be read
     */
    Optional<PatientId> replacedBy(PatientId prior);

    /**
     * The patients merged (or re-identified) into {@code target} directly.
     *
     * @throws org.vesalius.vna.archive.api.failure.UnavailableException the links cannot be read
     */
    Set<PatientId> replaces(PatientId target);

    /**
     * The records linked to {@code patient} while both stay (HL7 A24, until an A37).
     *
     * @throws org.vesalius.vna.archive.api.failure.UnavailableException the links cannot be read
     */
    Set<PatientId> seeAlso(PatientId patient);
}
