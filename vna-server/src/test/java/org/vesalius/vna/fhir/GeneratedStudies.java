package org.vesalius.vna.fhir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.DicomDateTime;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * A reproducible set of small studies as Part 10 files, for ingest: 40 patients (Patient IDs
 * repeated under issuers HOSP_A, HOSP_B and none), dates over ten years with and without time,
 * several modalities, accession numbers with and without an issuer, procedure and reason codes,
 * body parts, laterality, reading and performing physicians, SR documents with a concept name.
 */
final class GeneratedStudies {

    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String MR = "1.2.840.10008.5.1.4.1.1.4";
    static final String DX = "1.2.840.10008.5.1.4.1.1.1.1";
    static final String US = "1.2.840.10008.5.1.4.1.1.6.1";
    static final String SR = "1.2.840.10008.5.1.4.1.1.88.22";
    private static final String[][] MODALITIES = {{"CT", CT}, {"MR", MR}, {"DX", DX}, {"US", US}};
    private static final String[] BODY_PARTS = {"CHEST", "HEAD", "ABDOMEN", "WRIST", "KNEE", "PELVIS"};
    private static final String[] ISSUERS = {"HOSP_A", "HOSP_B", ""};
    private static final String[] NAMES = {"Doe^John", "Müller^Jürgen", "Smith^Anna^Maria", "Yamada^Tarou=山田^太郎=やまだ^たろう",
            "García^José^Luis", "Ødegård^Åse", "O'Brien^Seán", "Li^Wei"};

    /** One generated instance: where it belongs and its file. */
    record Instance(String studyUid, String seriesUid, String sopUid, String patientId, String issuer, byte[] part10) {
    }

    private GeneratedStudies() {
    }

    /** {@code studies} studies from {@code seed}, UIDs under {@code root}. */
    static List<Instance> generate(long seed, int studies, String root) {
        Random random = new Random(seed);
        List<Instance> out = new ArrayList<>();
        for (int s = 1; s <= studies; s++) {
            int p = random.nextInt(40);
            String patientId = "P" + String.format("%03d", p % 20);
            String issuer = ISSUERS[p % 3];
            String name = NAMES[p % NAMES.length];
            String studyUid = root + "." + s;
            LocalDate date = LocalDate.of(2015 + random.nextInt(10), 1 + random.nextInt(12), 1 + random.nextInt(28));
            LocalTime time = s % 7 == 0 ? null : LocalTime.of(random.nextInt(24), random.nextInt(60), random.nextInt(60));
            int seriesCount = 1 + random.nextInt(2);
            for (int se = 1; se <= seriesCount; se++) {
                String[] modality = s % 11 == 0 && se == seriesCount ? new String[] {"SR", SR} : MODALITIES[random.nextInt(MODALITIES.length)];
                String seriesUid = studyUid + "." + se;
                int instances = 1 + random.nextInt(2);
                for (int i = 1; i <= instances; i++) {
                    Dataset d = new Dataset();
                    d.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
                    d.setString(Tags.SOPClassUID, VR.UI, modality[1]);
                    String sop = seriesUid + "." + i;
                    d.setString(Tags.SOPInstanceUID, VR.UI, sop);
                    d.setString(Tags.StudyDate, VR.DA, DicomDateTime.formatDate(date));
                    d.setString(Tags.SeriesDate, VR.DA, DicomDateTime.formatDate(date));
                    if (time != null) {
                        d.setString(Tags.StudyTime, VR.TM, DicomDateTime.formatTime(time));
                        d.setString(Tags.SeriesTime, VR.TM, DicomDateTime.formatTime(time.plusMinutes(se)));
                    }
                    if (s % 5 == 0) {
                        d.setString(Tags.TimezoneOffsetFromUTC, VR.SH, "+0100");
                    }
                    d.setString(Tags.AccessionNumber, VR.SH, "A" + String.format("%05d", s));
                    if (s % 2 == 0) {
                        Dataset issuerItem = d.newSequence(Tags.IssuerOfAccessionNumberSequence, 1).addItem();
                        issuerItem.setString(Tags.LocalNamespaceEntityID, VR.UT, "RIS_A");
                    }
                    d.setString(Tags.Modality, VR.CS, modality[0]);
                    d.setString(Tags.ReferringPhysicianName, VR.PN, s % 3 == 0 ? "" : "House^Gregory^^Dr.");
                    d.setString(Tags.NameOfPhysiciansReadingStudy, VR.PN, "Grey^Meredith");
                    d.setString(Tags.PerformingPhysicianName, VR.PN, "Kildare^James");
                    d.setString(Tags.StudyDescription, VR.LO, modality[0] + " " + BODY_PARTS[s % BODY_PARTS.length]);
                    d.setString(Tags.SeriesDescription, VR.LO, modality[0] + " series " + se);
                    d.setString(Tags.BodyPartExamined, VR.CS, BODY_PARTS[s % BODY_PARTS.length]);
                    if (s % 4 == 0) {
                        d.setString(Tags.Laterality, VR.CS, s % 8 == 0 ? "L" : "R");
                    }
                    Dataset procedure = d.newSequence(Tags.ProcedureCodeSequence, 1).addItem();
                    procedure.setString(Tags.CodeValue, VR.SH, "RPID" + (2500 + s % 9));
                    procedure.setString(Tags.CodingSchemeDesignator, VR.SH, "RADLEX");
                    procedure.setString(Tags.CodeMeaning, VR.LO, modality[0] + " " + BODY_PARTS[s % BODY_PARTS.length]);
                    Sequence request = d.newSequence(Tags.RequestAttributesSequence, 1);
                    Dataset item = request.addItem();
                    item.setString(Tags.AccessionNumber, VR.SH, "A" + String.format("%05d", s));
                    item.setString(Tags.RequestedProcedureID, VR.SH, "RP" + s);
                    item.setString(Tags.ReasonForTheRequestedProcedure, VR.LO, "Suspected fracture");
                    Dataset reason = item.newSequence(Tags.ReasonForRequestedProcedureCodeSequence, 1).addItem();
                    reason.setString(Tags.CodeValue, VR.SH, "357009");
                    reason.setString(Tags.CodingSchemeDesignator, VR.SH, "SCT");
                    reason.setString(Tags.CodeMeaning, VR.LO, "Closed fracture of trapezoidal bone of wrist");
                    d.setString(Tags.PatientName, VR.PN, name);
                    d.setString(Tags.PatientID, VR.LO, patientId);
                    if (!issuer.isEmpty()) {
                        d.setString(Tags.IssuerOfPatientID, VR.LO, issuer);
                    }
                    d.setString(Tags.PatientBirthDate, VR.DA, DicomDateTime.formatDate(LocalDate.of(1940 + p, 1 + p % 12, 1 + p % 28)));
                    d.setString(Tags.PatientSex, VR.CS, p % 2 == 0 ? "F" : "M");
                    d.setString(Tags.StudyInstanceUID, VR.UI, studyUid);
                    d.setString(Tags.SeriesInstanceUID, VR.UI, seriesUid);
                    d.setString(Tags.StudyID, VR.SH, "S" + s);
                    d.setInt(Tags.SeriesNumber, VR.IS, se);
                    d.setInt(Tags.InstanceNumber, VR.IS, i);
                    if (modality[0].equals("SR")) {
                        Dataset concept = d.newSequence(Tags.ConceptNameCodeSequence, 1).addItem();
                        concept.setString(Tags.CodeValue, VR.SH, "18748-4");
                        concept.setString(Tags.CodingSchemeDesignator, VR.SH, "LN");
                        concept.setString(Tags.CodeMeaning, VR.LO, "Diagnostic imaging report");
                        d.setString(Tags.ValueType, VR.CS, "CONTAINER");
                    } else {
                        d.setString(Tags.ContentLabel, VR.CS, i == 1 ? "PA VIEW" : "LL VIEW");
                        d.setInt(Tags.Rows, VR.US, 2);
                        d.setInt(Tags.Columns, VR.US, 2);
                        d.setInt(Tags.BitsAllocated, VR.US, 16);
                        d.setBytes(Tags.PixelData, VR.OW, new byte[8]);
                    }
                    out.add(new Instance(studyUid, seriesUid, sop, patientId, issuer, part10(d)));
                }
            }
        }
        return out;
    }

    static byte[] part10(Dataset ds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            DicomWriter.writeFile(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), out, EncodingOptions.DEFAULT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
