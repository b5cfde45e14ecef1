package org.vesalius.vna.server.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.security.oauth2.jwt.Jwt;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.access.PatientScope;
import org.vesalius.vna.fhir.PatientIds;

/**
 * What a verified token lets its bearer read, from three claims: the roles claim
 * ({@code vna.security.roles-claim}), the SMART scopes ({@code scope} or {@code scp}) and the
 * patient context ({@code patient}: the FHIR Patient id the facade gives the patient,
 * {@code PatientIds.of(PatientID, issuer)}, as a SMART launch puts it in the token response).
 * The rules (vna-server/README.md, "Patient-scoped access and SMART"):
 * <ul>
 * <li>roles decide which endpoints; a token that names none of the archive's roles (no roles
 *     claim, an empty one) but has SMART clinical scopes gets the role they stand for:
 *     {@code referrer} for {@code patient/} scopes, {@code reader} for {@code user/} or
 *     {@code system/} read scopes. Scopes never add a role to a token that names one;</li>
 * <li>a token with SMART clinical scopes needs one that grants each clinical read
 *     ({@link ClinicalRead}); without them roles alone decide;</li>
 * <li>the token reads one patient's data only when its roles admit it as a referrer only (not
 *     reader, not admin), or when any of its scopes is a {@code patient/} one. It then needs a
 *     {@code patient} claim naming a patient, or it is refused.</li>
 * </ul>
 *
 * @param roles   the roles, as claimed or as the scopes stand for
 * @param scopes  the SMART clinical scopes
 * @param patient the {@code patient} claim, or null
 */
record TokenAccess(Set<Role> roles, SmartScopes scopes, String patient) {

    /** The claim holding the patient context (SMART's launch context parameter name). */
    static final String PATIENT_CLAIM = "patient";

    TokenAccess {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    static TokenAccess of(Jwt jwt, String rolesClaim) {
        SmartScopes scopes = SmartScopes.of(jwt.hasClaim("scope") ? jwt.getClaim("scope") : jwt.getClaim("scp"));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object claimed = jwt.getClaim(rolesClaim);
        if (claimed instanceof String text) {
            for (String name : text.split(" ")) {
                Role.of(name).ifPresent(roles::add);
            }
        } else if (claimed instanceof Collection<?> names) {
            names.forEach(name -> Role.of(String.valueOf(name)).ifPresent(roles::add));
        }
        // No role of the archive (no claim, an empty one: the embedded issuer writes [] for a client without roles).
        if (roles.isEmpty() && scopes.present()) {
            if (scopes.patientContext() && scopes.anyRead()) {
                roles.add(Role.REFERRER);
            } else if (scopes.anyWideRead()) {
                roles.add(Role.READER);
            }
        }
        Object patient = jwt.getClaim(PATIENT_CLAIM);
        return new TokenAccess(roles, scopes, patient instanceof String p ? p : null);
    }

    /** True when the token reads one patient's data only. */
    boolean patientScoped() {
        boolean everyStudy = roles.contains(Role.READER) || roles.contains(Role.ADMIN);
        return scopes.patientContext() || !everyStudy && roles.contains(Role.REFERRER);
    }

    /** What the {@code patient} claim names: a patient exactly, or a long id to look up; empty when it names none. */
    Optional<PatientIds.Decoded> patientContext() {
        return Optional.ofNullable(patient).flatMap(PatientIds::decode);
    }

    /**
     * Whose studies the token reads: every patient's, or its patient's; {@link PatientScope#NONE}
     * when it is patient-scoped but names no patient the archive has (no claim, a malformed id, a
     * long id {@code lookup} finds no patient for).
     */
    PatientScope patientScope(Function<PatientIds.Decoded.Hashed, Optional<PatientId>> lookup) {
        if (!patientScoped()) {
            return PatientScope.ALL;
        }
        Optional<PatientId> identity = patientContext().flatMap(decoded -> switch (decoded) {
            case PatientIds.Decoded.Exact exact -> Optional.of(exact.patient());
            case PatientIds.Decoded.Hashed hashed -> lookup.apply(hashed);
        });
        return identity.map(p -> PatientScope.only(Set.of(p))).orElse(PatientScope.NONE);
    }

    /** True when the token may make this clinical read: a scope grants it (or it has no SMART scopes), and a patient-scoped token names its patient. */
    boolean permits(ClinicalRead.Target target) {
        if (scopes.present() && target.resourceTypes().stream().noneMatch(type -> scopes.grants(type, target.interaction()))) {
            return false;
        }
        return !patientScoped() || patientContext().isPresent();
    }
}
