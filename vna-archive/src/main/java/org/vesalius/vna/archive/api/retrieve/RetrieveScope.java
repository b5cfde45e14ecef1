package org.vesalius.vna.archive.api.retrieve;

import java.util.List;
import java.util.Objects;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.PatientId;

/**
 * What one retrieve asks for, whatever the edge (WADO-RS, WADO-URI, C-MOVE, C-GET): whole
 * studies, series of one study, instances of one series, or every study of a patient. The
 * retrieve port resolves a scope to instances in one call ({@link RetrievePort#resolve}), so
 * every edge gets the same instances in the same versions. The shapes follow the hierarchical
 * retrieve of PS3.4 C.4.2.2.1: a list of UIDs at the level asked, one UID above it.
 */
public sealed interface RetrieveScope {

    /** Every instance of these studies, study by study in the order given. */
    record Study(List<String> studyInstanceUids) implements RetrieveScope {
        public Study {
            studyInstanceUids = List.copyOf(studyInstanceUids);
        }
    }

    /** Every instance of these series of one study, series by series in the order given. */
    record Series(String studyInstanceUid, List<String> seriesInstanceUids) implements RetrieveScope {
        public Series {
            Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
            seriesInstanceUids = List.copyOf(seriesInstanceUids);
        }
    }

    /** These instances of one series (those the archive holds), ordered by SOP Instance UID. */
    record Instances(String studyInstanceUid, String seriesInstanceUid, List<String> sopInstanceUids) implements RetrieveScope {
        public Instances {
            Objects.requireNonNull(studyInstanceUid, "studyInstanceUid");
            Objects.requireNonNull(seriesInstanceUid, "seriesInstanceUid");
            sopInstanceUids = List.copyOf(sopInstanceUids);
        }
    }

    /**
     * Every instance of every study of a patient. The patient's studies come from the index (the
     * one lookup "studies of a patient"); their instances, like every other scope's, from the
     * blob store.
     *
     * @param patient     Patient ID and Issuer of Patient ID
     * @param issuerGiven true: exactly this identity (an empty issuer meaning none); false: the
     *                    Patient ID under any issuer (a C-MOVE identifier without Issuer of Patient
     *                    ID; {@code patient.issuer()} is then empty)
     */
    record Patient(PatientId patient, boolean issuerGiven) implements RetrieveScope {
        public Patient {
            Objects.requireNonNull(patient, "patient");
            if (!issuerGiven && patient.hasIssuer()) {
                throw new IllegalArgumentException("an issuer was given: " + patient);
            }
        }
    }

    /** One study. */
    static RetrieveScope study(String studyInstanceUid) {
        return new Study(List.of(studyInstanceUid));
    }

    /** One series. */
    static RetrieveScope series(String studyInstanceUid, String seriesInstanceUid) {
        return new Series(studyInstanceUid, List.of(seriesInstanceUid));
    }

    /** One instance. */
    static RetrieveScope instance(InstanceRef ref) {
        return new Instances(ref.studyInstanceUid(), ref.seriesInstanceUid(), List.of(ref.sopInstanceUid()));
    }
}
