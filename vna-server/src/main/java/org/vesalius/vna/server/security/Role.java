package org.vesalius.vna.server.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * The archive's roles, as a token's roles claim names them ({@code admin}, {@code reader}, ...).
 * What each may do: {@link AccessTable} and vna-server/README.md, "Security".
 */
public enum Role {
    /** Everything, configuration and operations included. */
    ADMIN("admin"),
    /** Reads every study (QIDO-RS, WADO-RS, WADO-URI, FHIR). */
    READER("reader"),
    /** Reads the studies of one patient, the {@code patient} claim of its token (QIDO-RS, WADO-RS, WADO-URI, FHIR). */
    REFERRER("referrer"),
    /** Stores instances (STOW-RS; C-STORE), reads nothing. */
    INGEST("ingest"),
    /** Runs migrations: stores instances, reads the archive's status. */
    MIGRATION_OPERATOR("migration-operator"),
    /** Feeds HL7 v2 messages (MLLP); no HTTP endpoint. */
    HL7_FEED("hl7-feed"),
    /** Reads the audit trail and the archive's status. */
    AUDITOR("auditor");

    /** The prefix of a role's authority, as Spring Security's role checks expect it. */
    static final String AUTHORITY_PREFIX = "ROLE_";

    private final String claimValue;

    Role(String claimValue) {
        this.claimValue = claimValue;
    }

    /** The name in a token's roles claim, e.g. {@code migration-operator}. */
    public String claimValue() {
        return claimValue;
    }

    /** The granted authority a token with this role gets, e.g. {@code ROLE_reader}. */
    public String authority() {
        return AUTHORITY_PREFIX + claimValue;
    }

    /** The role a claim value names, if any. */
    public static Optional<Role> of(String claimValue) {
        return Arrays.stream(values()).filter(r -> r.claimValue.equals(claimValue)).findFirst();
    }
}
