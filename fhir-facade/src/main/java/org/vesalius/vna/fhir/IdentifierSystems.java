package org.vesalius.vna.fhir;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Issuers (of Patient IDs, of accession numbers) as FHIR {@code Identifier.system} URIs and
 * back: the configured map first, then {@code urn:oid:} of an ISO Universal Entity ID, then the
 * configured prefix with the issuer percent-encoded.
 */
public final class IdentifierSystems {

    /** What a system URI names. */
    public sealed interface Issuer {
        /** An Issuer of Patient ID / Local Namespace Entity ID. */
        record Local(String issuer) implements Issuer {
        }

        /** An ISO Universal Entity ID (an OID). */
        record Universal(String oid) implements Issuer {
        }
    }

    private static final String OID = "urn:oid:";

    private final Map<String, String> systems;
    private final Map<String, String> issuers = new HashMap<>();
    private final String prefix;

    public IdentifierSystems(FhirSettings settings) {
        this.systems = settings.issuerSystems();
        this.prefix = settings.issuerSystemPrefix();
        systems.forEach((issuer, system) -> issuers.put(system, issuer));
    }

    /**
     * The system of an identifier issued by {@code issuer} ("" or null: none), whose ISO
     * Universal Entity ID is {@code universalOid} (null when unknown); null when there is neither.
     */
    public String system(String issuer, String universalOid) {
        if (issuer != null && !issuer.isEmpty() && systems.containsKey(issuer)) {
            return systems.get(issuer);
        }
        if (universalOid != null && universalOid.matches("[0-2](\\.(0|[1-9][0-9]*))+")) {
            return OID + universalOid;
        }
        if (issuer != null && !issuer.isEmpty()) {
            return prefix + URLEncoder.encode(issuer, StandardCharsets.UTF_8).replace("+", "%20");
        }
        return null;
    }

    /** The issuer a system names, empty when it names none this server gives out. */
    public Optional<Issuer> issuer(String system) {
        if (issuers.containsKey(system)) {
            return Optional.of(new Issuer.Local(issuers.get(system)));
        }
        if (system.startsWith(OID) && system.length() > OID.length()) {
            return Optional.of(new Issuer.Universal(system.substring(OID.length())));
        }
        if (system.startsWith(prefix) && system.length() > prefix.length()) {
            try {
                return Optional.of(new Issuer.Local(URLDecoder.decode(system.substring(prefix.length()), StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
