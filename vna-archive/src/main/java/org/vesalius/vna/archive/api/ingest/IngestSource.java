package org.vesalius.vna.archive.api.ingest;

import java.util.Objects;

/**
 * Who sent an object, as far as the protocol tells: the calling AE title of a C-STORE, the client
 * of a STOW-RS request, or a migration job. Coercion rules are configured by it (the default
 * Issuer of Patient ID per calling AE, for example).
 *
 * @param channel the protocol edge the object came through
 * @param id      the calling AE title (trimmed), the STOW client id, or the migration job id;
 *                "" when unknown
 */
public record IngestSource(Channel channel, String id) {

    /** The edge an object came through. */
    public enum Channel { DIMSE, STOW_RS, MIGRATION }

    public IngestSource {
        Objects.requireNonNull(channel, "channel");
        id = id == null ? "" : id.strip();
    }

    /** An object received by the C-STORE SCP from {@code callingAeTitle}. */
    public static IngestSource dimse(String callingAeTitle) {
        return new IngestSource(Channel.DIMSE, callingAeTitle);
    }

    /** An object received by STOW-RS from {@code clientId}. */
    public static IngestSource stow(String clientId) {
        return new IngestSource(Channel.STOW_RS, clientId);
    }

    @Override
    public String toString() {
        return channel + (id.isEmpty() ? "" : ":" + id);
    }
}
