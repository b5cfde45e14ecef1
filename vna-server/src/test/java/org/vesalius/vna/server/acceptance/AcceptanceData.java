package org.vesalius.vna.server.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.DatasetBuilder;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.tool.synthetic.SyntheticDataSet;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest;
import org.vesalius.dicom.tool.synthetic.SyntheticOptions;
import org.vesalius.testsupport.samples.SharedSamples;

/**
 * The data the acceptance tests load: a generated data set ({@code vna.acceptance.instances},
 * default 2,000, fixed seed; generated once under {@code target/acceptance/} and reused) and the
 * shared samples that have a File Meta, minus those whose UIDs conflict with an earlier file (one
 * SOP Instance UID for several encodings, one Study Instance UID under two Patient IDs): what an
 * archive does with such conflicts is its policy, tested elsewhere.
 */
final class AcceptanceData {

    static final int INSTANCES = Integer.getInteger("vna.acceptance.instances", 2000);
    static final long SEED = 20_261_128L;

    /** The identifying keys of a sample, as its data set holds them. */
    record Sample(Path file, String sopInstanceUid, String seriesInstanceUid, String studyInstanceUid, String patientId,
            String modality) {
    }

    /** A generated data set and its manifest. */
    record Generated(Path directory, List<SyntheticManifest.Entry> entries) {
        Path file(SyntheticManifest.Entry e) {
            return directory.resolve(e.file());
        }
    }

    private static Generated generated;
    private static List<Sample> samples;

    private AcceptanceData() {
    }

    static synchronized Generated generated() {
        if (generated == null) {
            Path dir = Path.of("target", "acceptance", "generated-" + INSTANCES + "-" + SEED).toAbsolutePath();
            try {
                if (!Files.isRegularFile(dir.resolve(SyntheticManifest.FILE_NAME))) {
                    if (Files.exists(dir)) {
                        deleteTree(dir);
                    }
                    Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
                    if (Files.exists(partial)) {
                        deleteTree(partial);
                    }
                    SyntheticDataSet.generate(partial, new SyntheticOptions(INSTANCES, SEED, SyntheticOptions.DEFAULT_MATRIX));
                    Files.move(partial, dir);
                }
                generated = new Generated(dir, SyntheticManifest.read(dir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return generated;
    }

    /** The conflict-free shared samples with a File Meta; empty without {@code ../shared}. */
    static synchronized List<Sample> samples() {
        if (samples == null) {
            try {
                samples = readSamples();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return samples;
    }

    private static List<Sample> readSamples() throws IOException {
        List<Sample> out = new ArrayList<>();
        Set<String> sops = new HashSet<>();
        Map<String, String> studyPatient = new HashMap<>();
        for (SharedSamples.Sample s : SharedSamples.select(
                s -> s.fileMeta() && !s.sopClassUid().isEmpty() && !s.transferSyntaxUid().isEmpty())) {
            Path file = s.path();
            Dataset d;
            try (DicomStreamReader r = DicomStreamReader.open(file, ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA))) {
                d = DatasetBuilder.build(r, new Dataset());
            } catch (IOException | RuntimeException unreadable) {
                continue; // MALFORMED samples: refusing them is tested elsewhere
            }
            String sop = d.getString(Tags.SOPInstanceUID, "");
            String study = d.getString(Tags.StudyInstanceUID, "");
            String pid = d.getString(Tags.PatientID, "");
            if (sop.isEmpty() || study.isEmpty() || !sops.add(sop)) {
                continue;
            }
            String owner = studyPatient.putIfAbsent(study, pid);
            if (owner != null && !owner.equals(pid)) {
                continue;
            }
            out.add(new Sample(file, sop, d.getString(Tags.SeriesInstanceUID, ""), study, pid, d.getString(Tags.Modality, "")));
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
