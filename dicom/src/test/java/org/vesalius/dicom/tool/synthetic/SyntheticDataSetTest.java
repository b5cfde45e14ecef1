package org.vesalius.dicom.tool.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest.Entry;

/**
 * The default data set (2,000 instances, seed 1) is generated once: its counts and variety are
 * what the archive's durability and query tests rely on, and every file is read back by our
 * reader and compared with the manifest.
 */
class SyntheticDataSetTest {

    @TempDir
    static Path dir;

    static SyntheticDataSet.Summary summary;
    static List<Entry> entries;

    @BeforeAll
    static void generateDefault() throws IOException {
        summary = SyntheticDataSet.generate(dir.resolve("default"), SyntheticOptions.of(SyntheticOptions.DEFAULT_INSTANCES));
        entries = SyntheticManifest.read(dir.resolve("default"));
    }

    @Test
    void hasExactlyTheInstancesAskedForEachInOneFileWithAUniqueUid() throws IOException {
        assertThat(summary.instances()).isEqualTo(2_000);
        assertThat(entries).hasSize(2_000);
        assertThat(entries.stream().map(Entry::sopInstanceUid).distinct()).hasSize(2_000);
        try (Stream<Path> files = Files.walk(dir.resolve("default"))) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all).hasSize(2_001);   // and the manifest; nothing half-written
            assertThat(all).noneMatch(p -> p.getFileName().toString().endsWith(".part"));
        }
        assertThat(entries.stream().map(Entry::studyInstanceUid).distinct()).hasSize(summary.studies());
        assertThat(entries.stream().map(Entry::seriesInstanceUid).distinct()).hasSize(summary.series());
        assertThat(entries.stream().map(Entry::patientKey).distinct()).hasSize(summary.patients());
    }

    @Test
    void patientsExerciseIssuersNameComponentsCaseAndCharacterSets() {
        assertThat(summary.patients()).isGreaterThanOrEqualTo(25);
        assertThat(entries).filteredOn(e -> e.patientId().equals("12345"))
                .extracting(Entry::issuerOfPatientId).contains("PACS_A", "PACS_B", "");
        assertThat(entries).anyMatch(e -> e.specificCharacterSet().equals("ISO_IR 100") && !ascii(e.patientName()));
        assertThat(entries).anyMatch(e -> e.specificCharacterSet().equals("ISO_IR 192") && e.patientName().contains("="));
        assertThat(entries).anyMatch(e -> e.specificCharacterSet().equals("ISO_IR 192") && !latin1(e.patientName()));
        assertThat(entries).anyMatch(e -> e.specificCharacterSet().isEmpty());
        assertThat(entries).anyMatch(e -> e.patientName().split("\\^").length >= 4);
        assertThat(entries).anyMatch(e -> e.patientName().equals(e.patientName().toUpperCase()) && e.patientName().matches(".*[A-Z].*"));
        assertThat(entries).anyMatch(e -> e.patientName().matches(".*[a-z].*[A-Z].*|.*[A-Z].*[a-z].*"));
        assertThat(entries).anyMatch(e -> Character.isLowerCase(e.patientName().charAt(0)));
        assertThat(entries.stream().map(Entry::patientSex).collect(Collectors.toSet())).contains("M", "F", "O");
        assertThat(entries).anyMatch(e -> e.patientBirthDate().isEmpty());
    }

    @Test
    void studiesSpreadOverYearsWithAccessionNumbersAndVariedSizes() {
        Set<String> dates = entries.stream().map(Entry::studyDate).collect(Collectors.toCollection(TreeSet::new));
        LocalDate first = LocalDate.parse(((TreeSet<String>) dates).first(), DateTimeFormatter.BASIC_ISO_DATE);
        LocalDate last = LocalDate.parse(((TreeSet<String>) dates).last(), DateTimeFormatter.BASIC_ISO_DATE);
        assertThat(first.plusYears(10)).isBefore(last);
        assertThat(entries).anyMatch(e -> e.studyTime().isEmpty());
        assertThat(entries).anyMatch(e -> e.studyTime().contains("."));
        assertThat(entries).anyMatch(e -> e.accessionNumber().isEmpty());
        assertThat(entries).anyMatch(e -> !e.issuerOfAccessionNumber().isEmpty());
        assertThat(entries).anyMatch(e -> !e.accessionNumber().isEmpty() && e.issuerOfAccessionNumber().isEmpty());
        assertThat(entries).anyMatch(e -> e.referringPhysicianName().isEmpty());
        assertThat(entries).anyMatch(e -> !e.referringPhysicianName().isEmpty());

        Map<String, Long> sizes = entries.stream().collect(Collectors.groupingBy(Entry::studyInstanceUid, Collectors.counting()));
        assertThat(sizes.values()).contains(1L);
        assertThat(sizes.values().stream().mapToLong(Long::longValue).max().orElseThrow()).isBetween(200L, 300L);
        assertThat(sizes.values().stream().filter(n -> n >= 10 && n < 100)).hasSizeGreaterThanOrEqualTo(10);

        assertThat(entries.stream().map(Entry::modality).collect(Collectors.toSet()))
                .contains("CT", "MR", "US", "CR", "DX", "MG", "PT", "NM", "XA", "OT");
        assertThat(entries.stream().map(Entry::transferSyntaxUid).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("1.2.840.10008.1.2", "1.2.840.10008.1.2.1");
        // Studies with several modalities (a PET/CT, a dose report beside a CT).
        Map<String, Set<String>> modalities = entries.stream().collect(Collectors.groupingBy(Entry::studyInstanceUid,
                Collectors.mapping(Entry::modality, Collectors.toSet())));
        assertThat(modalities.values()).anyMatch(m -> m.size() >= 2);
    }

    @Test
    void everySeriesBelongsToOneStudyAndNumbersItsInstancesFromOne() {
        Map<String, List<Entry>> bySeries = entries.stream().collect(Collectors.groupingBy(Entry::seriesInstanceUid));
        for (List<Entry> series : bySeries.values()) {
            assertThat(series.stream().map(Entry::studyInstanceUid).distinct()).hasSize(1);
            assertThat(series.stream().map(e -> e.modality() + "/" + e.seriesNumber()).distinct()).hasSize(1);
            assertThat(series.stream().map(Entry::instanceNumber).sorted().toList())
                    .isEqualTo(java.util.stream.IntStream.rangeClosed(1, series.size()).boxed().toList());
        }
    }

    @Test
    void everyFileReadsBackAsTheManifestSaysWithAnImageAndAWindow() throws Exception {
        Path root = dir.resolve("default");
        for (Entry e : entries) {
            Path file = root.resolve(e.file());
            byte[] bytes = Files.readAllBytes(file);
            assertThat(bytes.length).as(e.file()).isEqualTo(e.size());
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes))).isEqualTo(e.sha256());
            DicomFile dicom = DicomReader.read(file);
            Dataset ds = dicom.dataset();
            assertThat(dicom.transferSyntax().uid()).isEqualTo(e.transferSyntaxUid());
            assertThat(dicom.fileMeta().getString(Tag.TRANSFER_SYNTAX_UID)).isEqualTo(e.transferSyntaxUid());
            assertThat(ds.getString(Tags.SOPInstanceUID)).isEqualTo(e.sopInstanceUid());
            assertThat(ds.getString(Tags.SOPClassUID)).isEqualTo(e.sopClassUid());
            assertThat(ds.getString(Tags.StudyInstanceUID)).isEqualTo(e.studyInstanceUid());
            assertThat(ds.getString(Tags.SeriesInstanceUID)).isEqualTo(e.seriesInstanceUid());
            assertThat(ds.getString(Tags.PatientName)).as(e.file()).isEqualTo(e.patientName());
            assertThat(ds.getString(Tags.PatientID)).isEqualTo(e.patientId());
            assertThat(ds.getString(Tags.IssuerOfPatientID, "")).isEqualTo(e.issuerOfPatientId());
            assertThat(ds.getString(Tags.SpecificCharacterSet, "")).isEqualTo(e.specificCharacterSet());
            assertThat(ds.getString(Tags.StudyDate)).isEqualTo(e.studyDate());
            assertThat(ds.getString(Tags.StudyTime, "")).isEqualTo(e.studyTime());
            assertThat(ds.getString(Tags.AccessionNumber, "")).isEqualTo(e.accessionNumber());
            assertThat(ds.getString(Tags.ReferringPhysicianName, "")).isEqualTo(e.referringPhysicianName());
            assertThat(ds.getString(Tags.Modality)).isEqualTo(e.modality());
            assertThat(ds.getInt(Tags.SeriesNumber, -1)).isEqualTo(e.seriesNumber());
            assertThat(ds.getInt(Tags.InstanceNumber, -1)).isEqualTo(e.instanceNumber());
            assertThat(ds.getInt(Tags.Rows, 0)).isEqualTo(64);
            assertThat(ds.getBytes(Tags.PixelData)).hasSize(64 * 64 * 2);
            assertThat(ds.getString(Tags.WindowCenter)).isNotEmpty();
            assertThat(ds.getString(Tags.WindowWidth)).isNotEmpty();
            if (!e.issuerOfAccessionNumber().isEmpty()) {
                assertThat(ds.getSequence(Tags.IssuerOfAccessionNumberSequence).get(0)
                        .getString(Tags.LocalNamespaceEntityID)).isEqualTo(e.issuerOfAccessionNumber());
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameFilesAndAnotherSeedOtherUids() throws IOException {
        SyntheticOptions options = new SyntheticOptions(150, 7, 32);
        SyntheticDataSet.generate(dir.resolve("a"), options);
        SyntheticDataSet.generate(dir.resolve("b"), options);
        SyntheticDataSet.generate(dir.resolve("c"), options.withSeed(8));
        List<Entry> a = SyntheticManifest.read(dir.resolve("a"));
        List<Entry> b = SyntheticManifest.read(dir.resolve("b"));
        assertThat(b).isEqualTo(a);
        assertThat(Files.readString(dir.resolve("b/MANIFEST.tsv"))).isEqualTo(Files.readString(dir.resolve("a/MANIFEST.tsv")));
        for (Entry e : a) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(e.file())))
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(e.file())));
        }
        Set<String> other = SyntheticManifest.read(dir.resolve("c")).stream().map(Entry::sopInstanceUid)
                .collect(Collectors.toSet());
        assertThat(other).hasSize(150).doesNotContainAnyElementsOf(a.stream().map(Entry::sopInstanceUid).toList());
    }

    @Test
    void refusesADirectoryThatHoldsAnything() throws IOException {
        Path busy = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(busy.resolve("note.txt"), "mine");
        assertThatThrownBy(() -> SyntheticDataSet.generate(busy, SyntheticOptions.of(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not empty");
        try (Stream<Path> left = Files.list(busy)) {
            assertThat(left.toList()).containsExactly(busy.resolve("note.txt"));
        }
    }

    @Test
    void optionsAreChecked() {
        assertThatThrownBy(() -> new SyntheticOptions(0, 1, 64)).hasMessageContaining("instances");
        assertThatThrownBy(() -> new SyntheticOptions(1, 1, 4)).hasMessageContaining("matrix");
        assertThatThrownBy(() -> new SyntheticOptions(1, 1, 1024)).hasMessageContaining("matrix");
    }

    @Test
    void aSingleInstanceIsAWholeDataSet() throws IOException {
        SyntheticDataSet.Summary one = SyntheticDataSet.generate(dir.resolve("one"), SyntheticOptions.of(1));
        assertThat(one).extracting(SyntheticDataSet.Summary::instances, SyntheticDataSet.Summary::studies,
                SyntheticDataSet.Summary::series, SyntheticDataSet.Summary::patients).containsExactly(1, 1, 1, 1);
    }

    private static boolean ascii(String s) {
        return StandardCharsets.US_ASCII.newEncoder().canEncode(s);
    }

    private static boolean latin1(String s) {
        return StandardCharsets.ISO_8859_1.newEncoder().canEncode(s);
    }
}
