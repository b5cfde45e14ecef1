package org.vesalius.vna.server.fhir;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;
import org.vesalius.vna.fhir.FhirSettings;

/**
 * {@code vna.fhir.*}: the FHIR R4 facade at {@code /fhir}.
 *
 * @param enabled              mount the facade
 * @param issuerSystems        Issuer of Patient ID (and accession number issuer) to Identifier.system URI,
 *                             e.g. {@code vna.fhir.issuer-systems.HOSP_A=urn:oid:1.2.3}
 * @param issuerSystemPrefix   system of issuers not listed: this prefix + the issuer (percent-encoded)
 * @param defaultCount         page size without {@code _count}
 * @param maxCount             the largest page; a larger {@code _count} is cut to it
 * @param instancesPerStudy    studies with more instances list their series without instances
 * @param dicomwebUrl          base URL of DICOMweb for the Endpoints; empty: derived from the request
 * @param viewerUrl            IHE IID Invoke Image Display URL of a viewer; empty: no IID Endpoint
 * @param timeZone             zone of DICOM dates/times without Timezone Offset From UTC; empty: the server's
 */
@ConfigurationProperties("vna.fhir")
@Validated
public record FhirProperties(
        @DefaultValue("true") boolean enabled,
        Map<String, String> issuerSystems,
        @NotNull @DefaultValue(FhirSettings.DEFAULT_ISSUER_PREFIX) String issuerSystemPrefix,
        @Min(1) @DefaultValue("20") int defaultCount,
        @Min(1) @Max(1000) @DefaultValue("200") int maxCount,
        @Min(0) @Max(10000) @DefaultValue("1000") int instancesPerStudy,
        URI dicomwebUrl,
        URI viewerUrl,
        String timeZone) {

    /** The facade's settings (validated there too: absolute URIs, count bounds). */
    public FhirSettings toSettings() {
        ZoneId zone = timeZone == null || timeZone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(timeZone);
        return new FhirSettings(issuerSystems == null ? Map.of() : issuerSystems, issuerSystemPrefix, defaultCount, maxCount,
                instancesPerStudy, blankToNull(dicomwebUrl), blankToNull(viewerUrl), zone);
    }

    private static URI blankToNull(URI uri) {
        return uri == null || uri.toString().isBlank() ? null : uri;
    }
}
