package org.vesalius.vna.archive.api.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.vesalius.vna.archive.api.PatientId;

/**
 * One access to or change of protected health information, or a security alert, as an edge saw it.
 *
 * @param action   what kind of access
 * @param protocol the protocol term of the request ({@code "STOW-RS"}, {@code "C-STORE"},
 *                 {@code "QIDO-RS"}, {@code "C-FIND"}, {@code "WADO-RS"} ...)
 * @param actor    who asked, from where
 * @param studies  the Study Instance UIDs concerned, as far as the edge knows them (a query names
 *                 none unless it is scoped to a study)
 * @param patient  the patient concerned, or null when the edge does not know it
 * @param query    the query as the client sent it (QIDO-RS query string, C-FIND identifier in
 *                 words), or null for other actions
 * @param outcome  how it ended
 * @param detail   why it failed or what was refused, in words; null for a success
 * @param time     when the edge answered
 */
public record AuditEvent(Action action, String protocol, Actor actor, List<String> studies, PatientId patient, String query,
        Outcome outcome, String detail, Instant time) {

    public AuditEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(time, "time");
        studies = List.copyOf(studies);
    }

    /** The kinds of event, each one DICOM PS3.15 A.5.3 audit message. */
    public enum Action {
        /** Instances received (STOW-RS, C-STORE): DICOM Instances Transferred, action Create. */
        IMPORT,
        /** A search (QIDO-RS, C-FIND, FHIR search): Query. */
        QUERY,
        /** Instances or their metadata sent out (WADO-RS, WADO-URI, C-MOVE, C-GET): DICOM Instances Transferred, action Read. */
        EXPORT,
        /** One resource read (FHIR read): DICOM Instances Accessed, action Read. */
        READ,
        /** A refused association or request: Security Alert. */
        SECURITY_ALERT,
        /** A login at the embedded issuer, or a bearer token refused: User Authentication (Login). */
        USER_AUTHENTICATION,
        /** A patient's attributes changed or two patients merged (the update port): Patient Record, action Update. */
        PATIENT_RECORD,
        /** An order scheduled, changed or cancelled (the worklist port): Order Record, action Update. */
        ORDER_RECORD
    }

    /** The outcome indicator of PS3.15 A.5.1 (EventOutcomeIndicator). */
    public enum Outcome {
        SUCCESS, MINOR_FAILURE, SERIOUS_FAILURE, MAJOR_FAILURE;

        /** The outcome of an HTTP answer: 2xx and 3xx success, 4xx a minor failure (the client's), 5xx serious. */
        public static Outcome ofHttpStatus(int status) {
            if (status < 400) {
                return SUCCESS;
            }
            return status < 500 ? MINOR_FAILURE : SERIOUS_FAILURE;
        }
    }

    /**
     * Who asked, as far as the protocol tells.
     *
     * @param user    the authenticated user or client, or null
     * @param aeTitle the calling AE title (DIMSE), or null
     * @param address the peer's network address (IP address), or null when the edge does not see it
     */
    public record Actor(String user, String aeTitle, String address) {

        /** The identifier an audit record names the actor by: the user, else the AE title, else the address. */
        public String id() {
            if (user != null && !user.isBlank()) {
                return user;
            }
            if (aeTitle != null && !aeTitle.isBlank()) {
                return aeTitle;
            }
            return address != null ? address : "";
        }
    }
}
