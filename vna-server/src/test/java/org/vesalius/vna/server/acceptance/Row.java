package org.vesalius.vna.server.acceptance;

import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest;

/**
 * One stored instance with the attributes the query table constrains, as the archive should
 * index them: from a generated data set's manifest (written by the generator, not read back) or
 * from a sample's header. A missing Issuer of Patient ID is the default issuer the server is
 * configured to fill in.
 */
record Row(String study, String series, String sop, String sopClass, String patientId, String issuer, String patientName,
        String studyDate, String studyTime, String accession, String accessionIssuer, String studyDescription,
        String modality, String seriesNumber, String instanceNumber) {

    static Row of(SyntheticManifest.Entry e, String defaultIssuer) {
        return new Row(e.studyInstanceUid(), e.seriesInstanceUid(), e.sopInstanceUid(), e.sopClassUid(), e.patientId(),
                e.issuerOfPatientId().isEmpty() ? defaultIssuer : e.issuerOfPatientId(), e.patientName(), e.studyDate(),
                e.studyTime(), e.accessionNumber(), e.issuerOfAccessionNumber(), e.studyDescription(), e.modality(),
                Integer.toString(e.seriesNumber()), Integer.toString(e.instanceNumber()));
    }

    static Row of(Dataset d, String defaultIssuer) {
        String issuer = d.getString(Tags.IssuerOfPatientID, "").strip();
        Sequence accessionIssuers = d.getSequence(Tags.IssuerOfAccessionNumberSequence);
        String accessionIssuer = accessionIssuers == null || accessionIssuers.isEmpty() ? ""
                : accessionIssuers.get(0).getString(Tags.LocalNamespaceEntityID, "").strip();
        return new Row(d.getString(Tags.StudyInstanceUID, ""), d.getString(Tags.SeriesInstanceUID, ""),
                d.getString(Tags.SOPInstanceUID, ""), d.getString(Tags.SOPClassUID, ""), d.getString(Tags.PatientID, "").strip(),
                issuer.isEmpty() ? defaultIssuer : issuer, d.getString(Tags.PatientName, "").strip(),
                legacyDate(d.getString(Tags.StudyDate, "").strip()), legacyTime(d.getString(Tags.StudyTime, "").strip()),
                d.getString(Tags.AccessionNumber, "").strip(), accessionIssuer, d.getString(Tags.StudyDescription, "").strip(),
                d.getString(Tags.Modality, "").strip(), d.getString(Tags.SeriesNumber, "").strip(),
                d.getString(Tags.InstanceNumber, "").strip());
    }

    /** ACR-NEMA dates ({@code 1994.11.05}), which old PACS still send, mean {@code 19941105}. */
    private static String legacyDate(String date) {
        return date.matches("\\d{4}\\.\\d{2}\\.\\d{2}") ? date.replace(".", "") : date;
    }

    /** ACR-NEMA times ({@code 11:20:00}) likewise. */
    private static String legacyTime(String time) {
        return time.matches("\\d{2}:\\d{2}(:\\d{2}(\\.\\d*)?)?") ? time.replace(":", "") : time;
    }

    /** Study date and time as {@code YYYYMMDDHHMMSS.FFFFFF} for ordering, or null without a valid date. */
    String studyDateTime() {
        if (!studyDate.matches("\\d{8}")) {
            return null;
        }
        String t = studyTime.isEmpty() ? "" : studyTime;
        String whole = t.contains(".") ? t.substring(0, t.indexOf('.')) : t;
        String fraction = t.contains(".") ? t.substring(t.indexOf('.') + 1) : "";
        return studyDate + (whole + "000000").substring(0, 6) + "." + (fraction + "000000").substring(0, 6);
    }
}
