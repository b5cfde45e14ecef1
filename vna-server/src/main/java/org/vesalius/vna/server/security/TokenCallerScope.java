package org.vesalius.vna.server.security;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.vesalius.vna.archive.api.access.CallerScope;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.access.PatientScope;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.fhir.PatientIds;

/**
 * The patients the bearer token of the request on this thread may read ({@link TokenAccess}),
 * for the archive's patient-scoped ports. Spring Security carries the request's authentication
 * to the threads that stream an answer (asynchronous requests). No token: nobody.
 */
final class TokenCallerScope implements CallerScope {

    /** Long patient ids found so far (an id names one patient for good; misses are not kept). */
    private static final int MAX_FOUND = 1024;

    private final QueryPort lookup;
    private final Map<String, PatientId> found = new ConcurrentHashMap<>();

    /**
     * @param lookup the unrestricted query port, to find the patient of a long (hashed) Patient id
     */
    TokenCallerScope(QueryPort lookup) {
        this.lookup = lookup;
    }

    @Override
    public PatientScope current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof TokenAuthentication token) {
            return token.access().patientScope(this::find);
        }
        return PatientScope.NONE;
    }

    private Optional<PatientId> find(PatientIds.Decoded.Hashed hashed) {
        PatientId known = found.get(hashed.id());
        if (known != null) {
            return Optional.of(known);
        }
        Optional<PatientId> patient = PatientIds.find(hashed, lookup);
        patient.ifPresent(p -> {
            if (found.size() >= MAX_FOUND) {
                found.clear();
            }
            found.put(hashed.id(), p);
        });
        return patient;
    }
}
