package org.vesalius.vna.hl7.notify;

import java.time.Instant;
import java.util.Objects;

/**
 * One notification in the outbox, as it stands.
 *
 * @param id            its number (the message's control ID is {@code VNA} and this number)
 * @param key           what it is about, once: destination, study and the receipt or change it tells of
 * @param destination   the destination's name
 * @param patientKey    the patient it is about (delivery is in order per destination and patient)
 * @param study         the Study Instance UID
 * @param reason        {@code available} (instances arrived, then quiet) or {@code changed} (patient update or merge)
 * @param createdAt     when it was put in the outbox
 * @param message       the HL7 message (ER7, UTF-8)
 * @param status        pending, delivered or failed (refused by the receiver; not retried)
 * @param attempts      attempts so far
 * @param nextAttemptAt when the next attempt is due (pending only)
 * @param lastOutcome   what the last attempt got ("" before the first)
 */
public record OutboxEntry(long id, String key, String destination, String patientKey, String study, String reason,
        Instant createdAt, byte[] message, Status status, int attempts, Instant nextAttemptAt, String lastOutcome) {

    /** Where a notification stands. */
    public enum Status {
        /** Not yet acknowledged: attempted when due. */
        PENDING,
        /** Acknowledged (AA or CA). */
        DELIVERED,
        /** Refused by the receiver (AE or CE): it will not take it, so it is not sent again. */
        FAILED
    }

    public OutboxEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        lastOutcome = lastOutcome == null ? "" : lastOutcome;
    }

    /** This entry after its {@code attemptCount}th attempt. */
    OutboxEntry attempted(Status newStatus, int attemptCount, String outcome, Instant next) {
        return new OutboxEntry(id, key, destination, patientKey, study, reason, createdAt, message, newStatus, attemptCount, next,
                outcome);
    }

    /** This entry without its message (a finished one, listed only). */
    OutboxEntry withoutMessage() {
        return new OutboxEntry(id, key, destination, patientKey, study, reason, createdAt, new byte[0], status, attempts, nextAttemptAt,
                lastOutcome);
    }
}
