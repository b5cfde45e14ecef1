package org.vesalius.dicom.tool.synthetic;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;

/**
 * Generates a synthetic archive as Part 10 files: patients (two issuers sharing Patient ID
 * 12345, several name components, mixed case, Latin-1 and UTF-8 names), studies spread over
 * twenty years with accession numbers, referring physicians and Study IDs, series of CT, MR, US,
 * CR, DX, MG, PT, NM, XA and secondary capture, studies of 1 to about 300 instances, and small
 * real images ({@link TestPattern}) with windows that display them. The same options give the
 * same files, byte for byte.
 *
 * <pre>{@code
 * SyntheticDataSet.Summary s = SyntheticDataSet.generate(Path.of("out"), SyntheticOptions.of(2_000));
 * List<SyntheticManifest.Entry> entries = SyntheticManifest.read(Path.of("out"));
 * }</pre>
 *
 * <p>Files are written one at a time, {@code studyNNNNN/seriesNNN/imgNNNNN.dcm}, each complete
 * before it gets its name, so memory does not grow with the size of the data set. The manifest
 * ({@link SyntheticManifest}) gets its final name last: a directory with a {@code MANIFEST.tsv}
 * holds a complete data set.
 */
public final class SyntheticDataSet {

    /** What was generated. */
    public record Summary(int instances, int series, int studies, int patients, Path manifest) {
    }

    private static final DateTimeFormatter DA = DateTimeFormatter.ofPattern("yyyyMMdd");

    private SyntheticDataSet() {
    }

    /**
     * Generates a data set into {@code directory}, which must be absent or empty.
     *
     * @throws IllegalArgumentException when {@code directory} holds anything already
     */
    public static Summary generate(Path directory, SyntheticOptions options) throws IOException {
        Files.createDirectories(directory);
        try (Stream<Path> existing = Files.list(directory)) {
            if (existing.findAny().isPresent()) {
                throw new IllegalArgumentException(directory + " is not empty; generate into a new or empty directory");
            }
        }
        SyntheticUids uids = new SyntheticUids(options.seed());
        StudyPlanner planner = new StudyPlanner(options);
        InstanceComposer composer = new InstanceComposer(options.matrix(), uids);
        Set<String> patients = new HashSet<>();
        int instances = 0;
        int series = 0;
        int studies = 0;
        Path partial = directory.resolve(SyntheticManifest.FILE_NAME + ".part");
        try (SyntheticManifest.Writer manifest = new SyntheticManifest.Writer(partial)) {
            while (planner.hasNext()) {
                PlannedStudy study = planner.next();
                studies++;
                patients.add(study.patient().id() + "\\" + study.patient().issuer());
                for (PlannedSeries s : study.series()) {
                    series++;
                    for (int number = 1; number <= s.instances(); number++) {
                        String file = "study%05d/series%03d/img%05d.dcm".formatted(study.index(), s.index(), number);
                        Dataset ds = composer.compose(study, s, number);
                        Written written = write(directory.resolve(file), DicomFile.of(ds, s.syntax()));
                        manifest.add(entry(file, study, s, ds, written));
                        instances++;
                    }
                }
            }
        }
        Path manifestFile = directory.resolve(SyntheticManifest.FILE_NAME);
        Files.move(partial, manifestFile, StandardCopyOption.ATOMIC_MOVE);
        return new Summary(instances, series, studies, patients.size(), manifestFile);
    }

    private record Written(long size, String sha256) {
    }

    private static Written write(Path file, DicomFile dicom) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        MessageDigest sha256 = sha256();
        try (OutputStream out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(partial), 16 * 1024),
                sha256)) {
            DicomWriter.writeFile(dicom, out, EncodingOptions.DEFAULT);
        }
        long size = Files.size(partial);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        return new Written(size, HexFormat.of().formatHex(sha256.digest()));
    }

    private static SyntheticManifest.Entry entry(String file, PlannedStudy study, PlannedSeries series, Dataset ds,
            Written written) {
        Patient p = study.patient();
        return new SyntheticManifest.Entry(file, ds.getString(Tags.SOPInstanceUID), ds.getString(Tags.SOPClassUID),
                series.syntax().uid(), study.uid(), series.uid(), p.id(), p.issuer(), p.name(), p.characterSet(),
                p.birthDate() == null ? "" : DA.format(p.birthDate()), p.sex(), DA.format(study.date()),
                ds.getString(Tags.StudyTime, ""), study.accessionNumber(), study.accessionIssuer(), study.studyId(),
                study.referringPhysician(), study.kind().description, series.template().modality().name(),
                series.number(), series.template().description(), study.kind().bodyPart,
                ds.getInt(Tags.InstanceNumber, 0), written.size(), written.sha256());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
