package org.vesalius.dicom.tool.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The {@code MANIFEST.tsv} of a generated data set: one line per instance with the attributes
 * that queries match on, as written in the file (dates {@code yyyyMMdd}, names in DICOM form,
 * empty when absent), plus the file's size and SHA-256. Tests compute expected query answers
 * from it without parsing a file. UTF-8, a header line, tab-separated.
 */
public final class SyntheticManifest {

    /** The manifest's file name in the data set's directory. */
    public static final String FILE_NAME = "MANIFEST.tsv";

    static final String HEADER = String.join("\t", "file", "SOPInstanceUID", "SOPClassUID", "TransferSyntaxUID",
            "StudyInstanceUID", "SeriesInstanceUID", "PatientID", "IssuerOfPatientID", "PatientName",
            "SpecificCharacterSet", "PatientBirthDate", "PatientSex", "StudyDate", "StudyTime", "AccessionNumber",
            "IssuerOfAccessionNumber", "StudyID", "ReferringPhysicianName", "StudyDescription", "Modality",
            "SeriesNumber", "SeriesDescription", "BodyPartExamined", "InstanceNumber", "size", "sha256");

    /**
     * One generated instance.
     *
     * @param file                    path relative to the data set's directory, with {@code /}
     * @param issuerOfAccessionNumber Local Namespace Entity ID of the Issuer of Accession Number Sequence
     * @param size                    file size in bytes
     * @param sha256                  SHA-256 of the file, lower-case hex
     */
    public record Entry(String file, String sopInstanceUid, String sopClassUid, String transferSyntaxUid,
            String studyInstanceUid, String seriesInstanceUid, String patientId, String issuerOfPatientId,
            String patientName, String specificCharacterSet, String patientBirthDate, String patientSex,
            String studyDate, String studyTime, String accessionNumber, String issuerOfAccessionNumber, String studyId,
            String referringPhysicianName, String studyDescription, String modality, int seriesNumber,
            String seriesDescription, String bodyPartExamined, int instanceNumber, long size, String sha256) {

        String toLine() {
            return String.join("\t", file, sopInstanceUid, sopClassUid, transferSyntaxUid, studyInstanceUid,
                    seriesInstanceUid, patientId, issuerOfPatientId, patientName, specificCharacterSet, patientBirthDate,
                    patientSex, studyDate, studyTime, accessionNumber, issuerOfAccessionNumber, studyId,
                    referringPhysicianName, studyDescription, modality, Integer.toString(seriesNumber),
                    seriesDescription, bodyPartExamined, Integer.toString(instanceNumber), Long.toString(size), sha256);
        }

        static Entry parse(String line) {
            String[] c = line.split("\t", -1);
            if (c.length != 26) {
                throw new IllegalArgumentException("manifest line with " + c.length + " columns instead of 26: " + line);
            }
            return new Entry(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13],
                    c[14], c[15], c[16], c[17], c[18], c[19], Integer.parseInt(c[20]), c[21], c[22],
                    Integer.parseInt(c[23]), Long.parseLong(c[24]), c[25]);
        }

        /** {@code PatientID \ IssuerOfPatientID}: patients are told apart by both. */
        public String patientKey() {
            return patientId + "\\" + issuerOfPatientId;
        }
    }

    private SyntheticManifest() {
    }

    /** The entries of the manifest in {@code directory} (a generated data set), in generation order. */
    public static List<Entry> read(Path directory) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
            List<Entry> out = new ArrayList<>();
            var it = lines.iterator();
            if (!it.hasNext() || !it.next().equals(HEADER)) {
                throw new IOException(file + " is not a synthetic data set manifest (unexpected header)");
            }
            it.forEachRemaining(line -> out.add(Entry.parse(line)));
            return out;
        }
    }

    /** Writes entries as they are generated. */
    static final class Writer implements AutoCloseable {

        private final BufferedWriter out;

        Writer(Path file) throws IOException {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.write('\n');
        }

        void add(Entry entry) throws IOException {
            out.write(entry.toLine());
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
