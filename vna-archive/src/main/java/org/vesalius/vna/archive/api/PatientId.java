package org.vesalius.vna.archive.api;

import java.util.Objects;

/**
 * A patient's identity in the archive: Patient ID (0010,0020) qualified by its Issuer of Patient
 * ID (0010,0021). Two legacy PACS that both use ID 12345 under different issuers hold two
 * different patients; the archive never merges them implicitly.
 *
 * @param id     the Patient ID, never null (may be empty: PS3.3 makes it type 2)
 * @param issuer the Issuer of Patient ID, or "" when unknown
 */
public record PatientId(String id, String issuer) {

    public PatientId {
        Objects.requireNonNull(id, "id");
        issuer = issuer == null ? "" : issuer;
    }

    /** True when the issuer is known. */
    public boolean hasIssuer() {
        return !issuer.isEmpty();
    }

    @Override
    public String toString() {
        return hasIssuer() ? id + "^^^" + issuer : id;
    }
}
