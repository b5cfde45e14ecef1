package org.vesalius.vna.server.security;

import static org.vesalius.vna.server.security.Role.ADMIN;
import static org.vesalius.vna.server.security.Role.AUDITOR;
import static org.vesalius.vna.server.security.Role.INGEST;
import static org.vesalius.vna.server.security.Role.MIGRATION_OPERATOR;
import static org.vesalius.vna.server.security.Role.READER;
import static org.vesalius.vna.server.security.Role.REFERRER;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpMethod;

/**
 * Who may call which HTTP endpoint, one {@link AccessRule} per endpoint group, first match
 * wins; a request no line covers is refused (403, or 401 without a token). The table is the
 * single source of the filter chain's rules, and {@code EndpointAccessTableTest} fails for an
 * endpoint of the server (controller, servlet, actuator endpoint, static resources) that no line
 * covers. Documented in vna-server/README.md, "Security".
 *
 * <p>The clinical reads (QIDO-RS, WADO-RS, WADO-URI, FHIR) admit the referrer too: a
 * patient-scoped token reads there only its patient's studies, which the archive enforces
 * ({@code PatientScopedPorts}), and its SMART scopes must grant each read ({@link ClinicalRead}).
 * The embedded issuer's own
 * endpoints ({@code /oauth2/*}, {@code /login}, discovery) have their own chain
 * ({@code EmbeddedIssuerConfiguration}).
 */
final class AccessTable {

    private static final Set<Role> READERS = Set.of(READER, REFERRER, ADMIN);
    private static final Set<Role> WRITERS = Set.of(INGEST, MIGRATION_OPERATOR, ADMIN);

    static final List<AccessRule> RULES = List.of(
            AccessRule.open("health states (probes, ./vna start)", HttpMethod.GET, "/actuator/health", "/actuator/health/**"),
            AccessRule.roles("metrics", HttpMethod.GET, Set.of(ADMIN), "/actuator/prometheus"),
            AccessRule.roles("other actuator endpoints", null, Set.of(ADMIN), "/actuator", "/actuator/**"),
            AccessRule.roles("STOW-RS", HttpMethod.POST, WRITERS, "/dicomweb/studies", "/dicomweb/studies/{study}"),
            AccessRule.reads("QIDO-RS, WADO-RS", HttpMethod.GET, READERS, ClinicalRead.DICOMWEB, "/dicomweb/**"),
            AccessRule.reads("WADO-URI", HttpMethod.GET, READERS, ClinicalRead.WADO_URI, "/wado"),
            // The CapabilityStatement is public (FHIR and SMART discovery): it holds no patient data.
            AccessRule.open("FHIR capability statement", HttpMethod.GET, "/fhir/metadata"),
            // The audit trail is for auditors: AuditEvent before the facade's line (any method: _search too).
            AccessRule.roles("FHIR audit events", null, Set.of(AUDITOR, ADMIN), "/fhir/AuditEvent", "/fhir/AuditEvent/**"),
            AccessRule.reads("FHIR facade", null, READERS, ClinicalRead.FHIR, "/fhir/**"),
            // SMART App Launch discovery: public by definition, holds no patient data.
            AccessRule.open("SMART configuration", HttpMethod.GET, "/.well-known/smart-configuration"),
            AccessRule.roles("archive status", HttpMethod.GET, Set.of(ADMIN, MIGRATION_OPERATOR, AUDITOR), "/api/status"),
            AccessRule.roles("audit trail", HttpMethod.GET, Set.of(AUDITOR, ADMIN), "/api/audit", "/api/audit/**"),
            // What the HL7 feed did names patients; the feed itself comes over MLLP (vna.hl7.access.networks).
            AccessRule.roles("HL7 message log", HttpMethod.GET, Set.of(ADMIN), "/api/hl7/messages"),
            // The outbox names studies and the destinations' answers; the notifications go out over MLLP.
            AccessRule.roles("HL7 outbox", HttpMethod.GET, Set.of(ADMIN), "/api/hl7/outbox"),
            AccessRule.roles("other archive API", null, Set.of(ADMIN), "/api/**"),
            // Static files of the viewer hold no patient data; the viewer's own calls carry its token.
            AccessRule.open("viewer files", HttpMethod.GET, "/viewer", "/viewer/**"),
            // The container's error page answers the problem of the request that failed, nothing else.
            AccessRule.open("error page", null, "/error"));

    private AccessTable() {
    }

    /** The first line covering {@code request}, if any. */
    static Optional<AccessRule> ruleFor(HttpServletRequest request) {
        return RULES.stream().filter(rule -> rule.matcher().matches(request)).findFirst();
    }
}
