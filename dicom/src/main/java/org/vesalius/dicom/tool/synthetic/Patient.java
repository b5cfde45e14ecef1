package org.vesalius.dicom.tool.synthetic;

import java.time.LocalDate;

/**
 * A generated patient.
 *
 * @param id               Patient ID
 * @param issuer           Issuer of Patient ID, empty when the sending system gives none
 * @param name             Patient's Name in DICOM form (components and groups)
 * @param characterSet     Specific Character Set the patient's instances are written in, empty for the default
 * @param birthDate        Patient's Birth Date, or null when unknown
 * @param sex              Patient's Sex: M, F, O or empty
 */
record Patient(String id, String issuer, String name, String characterSet, LocalDate birthDate, String sex) {

    /** The institution whose PACS issued the ID: its name goes into the instances. */
    String institution() {
        return switch (issuer) {
            case "PACS_A" -> "Hospital A";
            case "PACS_B" -> "Clinique B";
            default -> "Community Imaging";
        };
    }
}
