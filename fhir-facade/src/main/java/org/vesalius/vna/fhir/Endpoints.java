package org.vesalius.vna.fhir;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Endpoint;

/**
 * The archive's own Endpoints: DICOMweb WADO-RS and QIDO-RS (one service root, to which a client
 * appends {@code /studies/{uid}}), and an IHE IID Invoke Image Display address when a viewer is
 * configured. Fixed ids, so ImagingStudy.endpoint references stay valid.
 */
final class Endpoints {

    static final String WADO_RS_ID = "dicom-wado-rs";
    static final String QIDO_RS_ID = "dicom-qido-rs";
    static final String IID_ID = "ihe-iid";
    static final String CONNECTION_TYPES = "http://terminology.hl7.org/CodeSystem/endpoint-connection-type";
    static final String PAYLOAD_TYPES = "http://terminology.hl7.org/CodeSystem/endpoint-payload-type";

    private final FhirSettings settings;

    Endpoints(FhirSettings settings) {
        this.settings = settings;
    }

    /** Every Endpoint, given the FHIR server's base URL (from which the DICOMweb root is derived unless configured). */
    List<Endpoint> all(String fhirBase) {
        List<Endpoint> all = new ArrayList<>();
        all.add(byId(WADO_RS_ID, fhirBase).orElseThrow());
        all.add(byId(QIDO_RS_ID, fhirBase).orElseThrow());
        byId(IID_ID, fhirBase).ifPresent(all::add);
        return all;
    }

    Optional<Endpoint> byId(String id, String fhirBase) {
        return switch (id) {
            case WADO_RS_ID -> Optional.of(endpoint(WADO_RS_ID, "dicom-wado-rs", "Vesalius DICOMweb WADO-RS",
                    "DICOM WADO-RS", List.of("application/dicom", "application/dicom+json", "multipart/related"),
                    dicomWeb(fhirBase)));
            case QIDO_RS_ID -> Optional.of(endpoint(QIDO_RS_ID, "dicom-qido-rs", "Vesalius DICOMweb QIDO-RS",
                    "DICOM QIDO-RS", List.of("application/dicom+json"), dicomWeb(fhirBase)));
            case IID_ID -> Optional.ofNullable(settings.viewerUrl()).map(viewer -> endpoint(IID_ID, "ihe-iid",
                    "Image viewer (IHE IID Invoke Image Display)", "DICOM IID", List.of("text/html"), viewer.toString()));
            default -> Optional.empty();
        };
    }

    String dicomWeb(String fhirBase) {
        URI configured = settings.dicomWebUrl();
        if (configured != null) {
            return configured.toString();
        }
        String base = fhirBase.endsWith("/") ? fhirBase.substring(0, fhirBase.length() - 1) : fhirBase;
        int slash = base.lastIndexOf('/');
        return (slash > base.indexOf("//") + 1 ? base.substring(0, slash) : base) + "/dicomweb";
    }

    private static Endpoint endpoint(String id, String connectionType, String name, String payload,
            List<String> mimeTypes, String address) {
        Endpoint e = new Endpoint();
        e.setId(id);
        e.setStatus(Endpoint.EndpointStatus.ACTIVE);
        e.setConnectionType(new Coding(CONNECTION_TYPES, connectionType, null));
        e.setName(name);
        e.addPayloadType(new CodeableConcept().setText(payload));
        mimeTypes.forEach(e::addPayloadMimeType);
        e.setAddress(address);
        e.setText(Narratives.of(name + " at " + address));
        return e;
    }
}
