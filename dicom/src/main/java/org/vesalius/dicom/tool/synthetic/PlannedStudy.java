package org.vesalius.dicom.tool.synthetic;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A study as planned, before any file is written.
 *
 * @param index              1-based position in the data set
 * @param patient            whose study it is
 * @param kind               what sort of study
 * @param uid                Study Instance UID
 * @param date               Study Date
 * @param time               Study Time, or null when the study has none
 * @param timeWithFraction   whether the time is written with fractional seconds
 * @param accessionNumber    Accession Number, empty when there is none
 * @param accessionIssuer    Local Namespace Entity ID of the accession number's issuer, empty for none
 * @param studyId            Study ID
 * @param referringPhysician Referring Physician's Name, empty when unknown
 * @param series             its series, in order
 */
record PlannedStudy(int index, Patient patient, StudyKind kind, String uid, LocalDate date, LocalTime time,
        boolean timeWithFraction, String accessionNumber, String accessionIssuer, String studyId,
        String referringPhysician, List<PlannedSeries> series) {

    int instances() {
        return series.stream().mapToInt(PlannedSeries::instances).sum();
    }
}
