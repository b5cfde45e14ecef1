package org.vesalius.vna.fhir;

import java.net.URI;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;

/**
 * How the facade presents the archive (the server binds it from {@code vna.fhir.*}).
 *
 * @param issuerSystems        Issuer of Patient ID (or Local Namespace Entity ID of an accession's
 *                             issuer) to the FHIR {@code Identifier.system} URI. Issuers not listed
 *                             get {@code urn:oid:} of their ISO Universal Entity ID when the data
 *                             carry one, else {@code issuerSystemPrefix} + the issuer, percent-encoded
 * @param issuerSystemPrefix   prefix for issuers not in {@code issuerSystems}
 * @param defaultCount         page size of a search without {@code _count}
 * @param maxCount             the largest page: a larger {@code _count} is cut to it
 * @param instancesPerStudy    a study lists its instances ({@code series.instance}) when it has at
 *                             most this many; larger ones list their series with counts only
 * @param dicomWebUrl          base of the archive's DICOMweb service for the Endpoints, or null to
 *                             derive it from the request ({@code <server>/dicomweb})
 * @param viewerUrl            an IHE IID Invoke Image Display address; null: no IID Endpoint
 * @param zone                 the time zone of DICOM dates and times that carry no offset
 */
public record FhirSettings(Map<String, String> issuerSystems, String issuerSystemPrefix, int defaultCount,
        int maxCount, int instancesPerStudy, URI dicomWebUrl, URI viewerUrl, ZoneId zone) {

    /** Prefix of issuers without a configured system. */
    public static final String DEFAULT_ISSUER_PREFIX = "urn:vesalius:issuer:";

    /** The defaults: 20 per page, at most 200, instances listed up to 1,000 per study, this JVM's zone. */
    public static final FhirSettings DEFAULT = new FhirSettings(Map.of(), DEFAULT_ISSUER_PREFIX, 20, 200, 1000,
            null, null, ZoneId.systemDefault());

    public FhirSettings {
        issuerSystems = Map.copyOf(issuerSystems == null ? Map.of() : issuerSystems);
        issuerSystemPrefix = issuerSystemPrefix == null || issuerSystemPrefix.isBlank() ? DEFAULT_ISSUER_PREFIX : issuerSystemPrefix;
        if (!URI.create(issuerSystemPrefix).isAbsolute()) {
            throw new IllegalArgumentException("issuer system prefix must start an absolute URI: " + issuerSystemPrefix);
        }
        issuerSystems.forEach((issuer, system) -> {
            if (!URI.create(system).isAbsolute()) {
                throw new IllegalArgumentException("system of issuer " + issuer + " is not an absolute URI: " + system);
            }
        });
        if (maxCount < 1) {
            throw new IllegalArgumentException("maxCount must be positive: " + maxCount);
        }
        if (defaultCount < 1 || defaultCount > maxCount) {
            throw new IllegalArgumentException("defaultCount must be 1.." + maxCount + ": " + defaultCount);
        }
        if (instancesPerStudy < 0 || instancesPerStudy > 10_000) {
            throw new IllegalArgumentException("instancesPerStudy must be 0..10000: " + instancesPerStudy);
        }
        zone = Objects.requireNonNullElse(zone, ZoneId.systemDefault());
    }

    /** These settings with another DICOMweb base. */
    public FhirSettings withDicomWebUrl(URI url) {
        return new FhirSettings(issuerSystems, issuerSystemPrefix, defaultCount, maxCount, instancesPerStudy, url, viewerUrl, zone);
    }

    /** These settings with an IID viewer. */
    public FhirSettings withViewerUrl(URI url) {
        return new FhirSettings(issuerSystems, issuerSystemPrefix, defaultCount, maxCount, instancesPerStudy, dicomWebUrl, url, zone);
    }

    /** These settings with other issuer systems. */
    public FhirSettings withIssuerSystems(Map<String, String> systems) {
        return new FhirSettings(systems, issuerSystemPrefix, defaultCount, maxCount, instancesPerStudy, dicomWebUrl, viewerUrl, zone);
    }

    /** These settings in another zone. */
    public FhirSettings withZone(ZoneId newZone) {
        return new FhirSettings(issuerSystems, issuerSystemPrefix, defaultCount, maxCount, instancesPerStudy, dicomWebUrl, viewerUrl, newZone);
    }
}
