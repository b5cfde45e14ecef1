package org.vesalius.vna.archive.ingest;

import java.util.Map;
import java.util.Optional;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.ingest.Coercion;
import org.vesalius.vna.archive.api.ingest.IngestSource;

/**
 * The first coercion rule: an instance that has a Patient ID (0010,0020) but no Issuer of
 * Patient ID (0010,0021) gets the issuer configured for its sender, so that two legacy PACS that
 * both use ID 12345 never become one patient. Senders without a configured issuer are left alone.
 * An issuer that is present, even one the archive does not know, is never replaced.
 */
public final class DefaultIssuerRule implements CoercionRule {

    /** The rule's name in coercion records. */
    public static final String NAME = "default-issuer-of-patient-id";

    private final Map<String, String> byCallingAeTitle;
    private final Map<String, String> byStowClient;

    /**
     * @param byCallingAeTitle issuer per calling AE title (C-STORE)
     * @param byStowClient     issuer per STOW-RS client id
     * @throws IllegalArgumentException if an issuer is not a valid LO value in the default
     *                                  repertoire (1 to 64 printable ASCII characters, no backslash)
     */
    public DefaultIssuerRule(Map<String, String> byCallingAeTitle, Map<String, String> byStowClient) {
        this.byCallingAeTitle = checked(byCallingAeTitle);
        this.byStowClient = checked(byStowClient);
    }

    @Override
    public Optional<Coercion> coerce(IngestSource source, Dataset header) {
        String issuer = switch (source.channel()) {
            case DIMSE -> byCallingAeTitle.get(source.id());
            case STOW_RS -> byStowClient.get(source.id());
            case MIGRATION -> null;
        };
        String patientId = header.getString(Tags.PatientID);
        String present = header.getString(Tags.IssuerOfPatientID);
        if (issuer == null || patientId == null || patientId.isEmpty() || present != null && !present.isEmpty()) {
            return Optional.empty();
        }
        Dataset newValues = new Dataset(1).setString(Tags.IssuerOfPatientID, VR.LO, issuer);
        Dataset original = new Dataset(1);
        original.set(Tags.IssuerOfPatientID, VR.LO, header.contains(Tags.IssuerOfPatientID)
                ? header.getValue(Tags.IssuerOfPatientID) : null);
        String reason = "Issuer of Patient ID missing; default issuer \"" + issuer + "\" of "
                + source + " applied";
        return Optional.of(new Coercion(NAME, reason, newValues, original));
    }

    private static Map<String, String> checked(Map<String, String> issuers) {
        Map<String, String> copy = Map.copyOf(issuers == null ? Map.of() : issuers);
        copy.forEach((who, issuer) -> {
            if (issuer == null || issuer.isEmpty() || issuer.length() > 64 || issuer.strip().isEmpty()
                    || !issuer.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != '\\')) {
                throw new IllegalArgumentException("default issuer for \"" + who + "\" must be 1 to 64 printable"
                        + " ASCII characters without backslash: \"" + issuer + "\"");
            }
        });
        return copy;
    }
}
