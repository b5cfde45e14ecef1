package org.vesalius.vna.hl7.notify;

import java.util.Objects;

/**
 * The addresses a notification links a study to.
 *
 * @param base   the archive's public base URL (e.g. {@code https://vna.hospital.org}): DICOMweb at
 *               {@code /dicomweb}, FHIR at {@code /fhir}
 * @param viewer the viewer URL a study opens in, {@code {study}} replaced by its Study Instance UID
 *               (e.g. {@code https://vna.hospital.org/viewer/viewer?StudyInstanceUIDs={study}}); "" for none
 */
public record StudyLinks(String base, String viewer) {

    public StudyLinks {
        Objects.requireNonNull(base, "base");
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        viewer = viewer == null ? "" : viewer;
    }

    /** WADO-RS of the study. */
    public String wadoRs(String study) {
        return base + "/dicomweb/studies/" + study;
    }

    /** The FHIR ImagingStudy (its id is the Study Instance UID). */
    public String fhir(String study) {
        return base + "/fhir/ImagingStudy/" + study;
    }

    /** The viewer link, or "" when none is configured. */
    public String viewer(String study) {
        return viewer.isEmpty() ? "" : viewer.replace("{study}", study);
    }
}
