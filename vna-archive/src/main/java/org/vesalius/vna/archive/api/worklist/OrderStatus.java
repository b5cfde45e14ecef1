package org.vesalius.vna.archive.api.worklist;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order (one requested procedure and its scheduled step) stands, with its terms in
 * DICOM (Scheduled Procedure Step Status (0040,0020)) and FHIR (ServiceRequest.status).
 */
public enum OrderStatus {
    /** Scheduled, waiting for the modality. */
    SCHEDULED("SCHEDULED", "active"),
    /** Being performed. */
    IN_PROGRESS("STARTED", "active"),
    /** Held by the ordering system. */
    ON_HOLD("SCHEDULED", "on-hold"),
    /** Performed. */
    COMPLETED("COMPLETED", "completed"),
    /** Discontinued after it started. */
    DISCONTINUED("DISCONTINUED", "revoked"),
    /** Cancelled before it started. */
    CANCELLED("CANCELED", "revoked");

    private final String dicom;
    private final String fhir;

    OrderStatus(String dicom, String fhir) {
        this.dicom = dicom;
        this.fhir = fhir;
    }

    /** The Scheduled Procedure Step Status (CS) that stands for it. */
    public String dicom() {
        return dicom;
    }

    /** The FHIR {@code request-status} code. */
    public String fhir() {
        return fhir;
    }

    /** What a modality's worklist shows when it does not ask for a status: what is still to be done. */
    public static Set<OrderStatus> onWorklist() {
        return EnumSet.of(SCHEDULED, IN_PROGRESS);
    }

    /** The statuses a Scheduled Procedure Step Status value names (CANCELED is CANCELLED; ARRIVED, READY count as SCHEDULED). */
    public static Set<OrderStatus> ofDicom(String value) {
        Set<OrderStatus> found = EnumSet.noneOf(OrderStatus.class);
        String v = value.strip();
        for (OrderStatus s : values()) {
            if (s.dicom.equals(v)) {
                found.add(s);
            }
        }
        if (v.equals("ARRIVED") || v.equals("READY")) {
            found.add(SCHEDULED);
        }
        return found;
    }

    /** The statuses a FHIR {@code request-status} code names. */
    public static Set<OrderStatus> ofFhir(String code) {
        Set<OrderStatus> found = EnumSet.noneOf(OrderStatus.class);
        for (OrderStatus s : values()) {
            if (s.fhir.equals(code)) {
                found.add(s);
            }
        }
        return found;
    }
}
