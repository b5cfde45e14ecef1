package org.vesalius.vna.archive.index.elasticsearch;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.DicomDateTime;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.storage.InstanceKeys;
import org.vesalius.vna.archive.storage.StoredObject;

/**
 * A reproducible data set for index and query tests: patients (three of them share Patient ID
 * 12345 under different issuers, one with issuer qualifiers), studies with and without Study
 * Time, series of several modalities with Request Attributes, non-ASCII names in all three PN
 * component groups. Each instance is a plain {@link Row} too, so tests can compute expected
 * answers in Java without the index.
 */
public final class GeneratedArchive {

    /** One instance with the attributes the tests match on. */
    public record Row(String patientId, String issuer, String universalEntityId, String patientName, LocalDate birthDate,
            String sex, String studyUid, LocalDate studyDate, LocalTime studyTime, String accession, String studyId,
            String referringPhysician, String studyDescription, String referencedStudyUid, String seriesUid,
            String modality, int seriesNumber, String seriesDescription, String requestedProcedureId,
            String sopUid, String sopClassUid, int instanceNumber, int rows) {

        String patientKey() {
            return patientId + "\\" + issuer;
        }
    }

    private record Patient(String id, String issuer, String universalEntityId, String name, LocalDate birthDate, String sex) {
    }

    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String MR = "1.2.840.10008.5.1.4.1.1.4";
    static final String US = "1.2.840.10008.5.1.4.1.1.6.1";
    static final String CR = "1.2.840.10008.5.1.4.1.1.1";
    static final String SR = "1.2.840.10008.5.1.4.1.1.88.22";

    private static final List<Patient> PATIENTS = List.of(
            new Patient("12345", "HOSP_A", "1.2.3.4.5", "Müller^Jürgen", LocalDate.of(1950, 3, 1), "M"),
            new Patient("12345", "HOSP_B", null, "Smith^Anna", LocalDate.of(1982, 11, 20), "F"),
            new Patient("12345", "", null, "Doe^John", LocalDate.of(1970, 1, 1), "M"),
            new Patient("P-0004", "HOSP_A", "1.2.3.4.5", "Yamada^Tarou=山田^太郎=やまだ^たろう", LocalDate.of(1965, 7, 7), "M"),
            new Patient("P-0005", "HOSP_A", "1.2.3.4.5", "García^José^Luis", LocalDate.of(1990, 5, 15), "M"),
            new Patient("P-0006", "HOSP_B", null, "Ødegård^Åse", LocalDate.of(2001, 2, 28), "F"),
            new Patient("P-0007", "HOSP_B", null, "Doe^Jane", LocalDate.of(1975, 12, 31), "F"),
            new Patient("P-0008", "HOSP_A", "1.2.3.4.5", "O'Brien^Seán", LocalDate.of(1944, 6, 6), "M"));

    private static final String[][] MODALITIES = {{"CT", CT}, {"MR", MR}, {"US", US}, {"CR", CR}, {"SR", SR}};
    private static final String[] DESCRIPTIONS = {"CT CHEST W/O", "MR BRAIN", "US ABDOMEN", "XR CHEST 2 VIEWS", "CT HEAD"};
    private static final String[] REFERRING = {"House^Gregory", "Grey^Meredith", "Schäfer^Brigitte", "", "Kildare^James"};

    private final List<Row> rows;

    private GeneratedArchive(List<Row> rows) {
        this.rows = Collections.unmodifiableList(rows);
    }

    /** About {@code target} instances, the same for the same seed. */
    public static GeneratedArchive generate(long seed, int target) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>();
        int studyCounter = 0;
        int perStudy = Math.max(1, target / (PATIENTS.size() * 3));
        for (int p = 0; p < PATIENTS.size(); p++) {
            Patient patient = PATIENTS.get(p);
            int studies = 2 + random.nextInt(3);
            for (int s = 0; s < studies; s++) {
                studyCounter++;
                String studyUid = "2.25.1000." + studyCounter;
                LocalDate date = LocalDate.of(2019 + random.nextInt(6), 1 + random.nextInt(12), 1 + random.nextInt(28));
                LocalTime time = studyCounter % 5 == 0 ? null : LocalTime.of(random.nextInt(24), random.nextInt(60), random.nextInt(60));
                String accession = "ACC" + (1000 + studyCounter);
                String referenced = studyCounter % 4 == 0 ? "2.25.1000." + (studyCounter - 1) : null;
                int seriesCount = 1 + random.nextInt(4);
                int instancesLeft = perStudy;
                for (int se = 1; se <= seriesCount; se++) {
                    String[] modality = MODALITIES[random.nextInt(MODALITIES.length)];
                    String seriesUid = studyUid + "." + se;
                    int instances = se == seriesCount ? Math.max(1, instancesLeft) : 1 + random.nextInt(Math.max(1, instancesLeft));
                    instancesLeft = Math.max(1, instancesLeft - instances);
                    for (int i = 1; i <= instances; i++) {
                        rows.add(new Row(patient.id(), patient.issuer(), patient.universalEntityId(), patient.name(),
                                patient.birthDate(), patient.sex(), studyUid, date, time, accession, "S" + studyCounter,
                                REFERRING[studyCounter % REFERRING.length], DESCRIPTIONS[studyCounter % DESCRIPTIONS.length],
                                referenced, seriesUid, modality[0], se, modality[0] + " series " + se,
                                "RP" + studyCounter + "." + se, seriesUid + "." + i, modality[1], i,
                                modality[0].equals("CT") ? 512 : 256));
                    }
                }
            }
        }
        return new GeneratedArchive(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    public List<ArchivedInstance> instances() {
        return rows.stream().map(GeneratedArchive::toInstance).toList();
    }

    public static InstanceRef ref(Row r) {
        return new InstanceRef(r.studyUid(), r.seriesUid(), r.sopUid());
    }

    public static ArchivedInstance toInstance(Row r) {
        Dataset d = new Dataset();
        d.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        d.setString(Tags.ImageType, VR.CS, "ORIGINAL", "PRIMARY", "AXIAL");
        d.setString(Tags.SOPClassUID, VR.UI, r.sopClassUid());
        d.setString(Tags.SOPInstanceUID, VR.UI, r.sopUid());
        d.setString(Tags.StudyDate, VR.DA, DicomDateTime.formatDate(r.studyDate()));
        d.setString(Tags.SeriesDate, VR.DA, DicomDateTime.formatDate(r.studyDate()));
        if (r.studyTime() != null) {
            d.setString(Tags.StudyTime, VR.TM, DicomDateTime.formatTime(r.studyTime()));
        }
        d.setString(Tags.AccessionNumber, VR.SH, r.accession());
        d.setString(Tags.Modality, VR.CS, r.modality());
        d.setString(Tags.ReferringPhysicianName, VR.PN, r.referringPhysician());
        d.setString(Tags.StudyDescription, VR.LO, r.studyDescription());
        d.setString(Tags.SeriesDescription, VR.LO, r.seriesDescription());
        if (r.referencedStudyUid() != null) {
            Dataset item = d.newSequence(Tags.ReferencedStudySequence, 1).addItem();
            item.setString(Tags.ReferencedSOPClassUID, VR.UI, "1.2.840.10008.3.1.2.3.1");
            item.setString(Tags.ReferencedSOPInstanceUID, VR.UI, r.referencedStudyUid());
        }
        d.setString(Tags.PatientName, VR.PN, r.patientName());
        d.setString(Tags.PatientID, VR.LO, r.patientId());
        if (!r.issuer().isEmpty()) {
            d.setString(Tags.IssuerOfPatientID, VR.LO, r.issuer());
        }
        if (r.universalEntityId() != null) {
            Dataset q = d.newSequence(Tags.IssuerOfPatientIDQualifiersSequence, 1).addItem();
            q.setString(Tags.UniversalEntityID, VR.UT, r.universalEntityId());
            q.setString(Tags.UniversalEntityIDType, VR.CS, "ISO");
        }
        d.setString(Tags.PatientBirthDate, VR.DA, DicomDateTime.formatDate(r.birthDate()));
        d.setString(Tags.PatientSex, VR.CS, r.sex());
        d.setString(Tags.StudyInstanceUID, VR.UI, r.studyUid());
        d.setString(Tags.SeriesInstanceUID, VR.UI, r.seriesUid());
        d.setString(Tags.StudyID, VR.SH, r.studyId());
        d.setInt(Tags.SeriesNumber, VR.IS, r.seriesNumber());
        d.setInt(Tags.InstanceNumber, VR.IS, r.instanceNumber());
        Sequence request = d.newSequence(Tags.RequestAttributesSequence, 1);
        Dataset item = request.addItem();
        item.setString(Tags.AccessionNumber, VR.SH, r.accession());
        item.setString(Tags.RequestedProcedureID, VR.SH, r.requestedProcedureId());
        item.setString(Tags.ScheduledProcedureStepID, VR.SH, "SPS" + r.requestedProcedureId());
        d.setInt(Tags.Rows, VR.US, r.rows());
        d.setInt(Tags.Columns, VR.US, r.rows());
        d.setBytes(0x00291010, VR.OB, new byte[4096]); // private bulk: left out of the index
        d.freeze();
        PatientId patient = new PatientId(r.patientId(), r.issuer());
        StoredObject blob = new StoredObject(InstanceKeys.instance(r.studyUid(), r.seriesUid(), r.sopUid()),
                10_000 + r.instanceNumber(), null, Instant.parse("2025-01-01T00:00:00Z"));
        return new ArchivedInstance(new InstanceRef(r.studyUid(), r.seriesUid(), r.sopUid()), patient, r.sopClassUid(),
                "1.2.840.10008.1.2.1", d, blob.toStoredBlob(), Instant.parse("2025-01-01T00:00:00Z"), "TESTSCU");
    }
}
