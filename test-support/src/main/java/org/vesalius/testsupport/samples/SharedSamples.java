package org.vesalius.testsupport.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.vesalius.testsupport.Prerequisites;

/**
 * The real-world DICOM files of the shared reference data ({@code ../shared/dicom-samples}) as
 * their {@code MANIFEST.tsv} lists them: the one reader of that MANIFEST for every module's tests.
 * A test picks its samples with {@link #select(Predicate)} and the predicates on {@link Sample}.
 *
 * <p>Absent data: {@link #all()} and {@link #select} answer an empty list; {@link #arguments}
 * answers a single null that {@link #require(Sample)} turns into a skip (a parameterized test
 * without arguments would fail), or a failure under CI ({@link Prerequisites}).
 */
public final class SharedSamples {

    /** The folder below the shared data that holds the samples and their MANIFEST. */
    public static final String FOLDER = "dicom-samples";
    private static final String MANIFEST = "MANIFEST.tsv";
    private static final String DICOMDIR_CLASS = "1.2.840.10008.1.3.10";

    /**
     * One file of the sample MANIFEST.
     *
     * @param path              the file
     * @param name              its path below {@code dicom-samples}, as the MANIFEST names it
     * @param transferSyntaxUid the File Meta's transfer syntax; empty without File Meta
     * @param features          the MANIFEST's feature words ({@code MALFORMED}, ...)
     * @param sopClassUid       the SOP Class UID; empty when the MANIFEST does not know it
     * @param modality          the Modality; empty when unknown
     * @param fileMeta          true when the file has a Part 10 File Meta Information
     */
    public record Sample(Path path, String name, String transferSyntaxUid, String features, String sopClassUid,
            String modality, boolean fileMeta) {

        /** True when the MANIFEST says the file is broken on purpose. */
        public boolean malformed() {
            return features.contains("MALFORMED");
        }

        /**
         * True when a C-STORE can propose exactly this file's SOP Class and transfer syntax: it
         * has a File Meta naming both, and is not a DICOMDIR (a media file, not an instance).
         */
        public boolean storable() {
            return fileMeta && !transferSyntaxUid.isEmpty() && !sopClassUid.isEmpty()
                    && !sopClassUid.equals(DICOMDIR_CLASS);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static volatile List<Sample> cached;

    private SharedSamples() {
    }

    /** Every DICOM file listed in the MANIFEST that exists (empty when the data is absent). */
    public static List<Sample> all() {
        List<Sample> all = cached;
        if (all == null) {
            all = read();
            cached = all;
        }
        return all;
    }

    /** The samples {@code filter} accepts, in MANIFEST order (empty when the data is absent). */
    public static List<Sample> select(Predicate<? super Sample> filter) {
        return all().stream().filter(filter).toList();
    }

    /** The files of every sample (empty when the data is absent). */
    public static List<Path> files() {
        return all().stream().map(Sample::path).toList();
    }

    /**
     * Every sample as test arguments: when the data is absent, a single null that
     * {@link #require(Sample)} turns into a skip.
     */
    public static Stream<Sample> arguments() {
        return arguments(s -> true);
    }

    /** The samples {@code filter} accepts as test arguments (see {@link #arguments()}). */
    public static Stream<Sample> arguments(Predicate<? super Sample> filter) {
        if (all().isEmpty()) {
            return Stream.of((Sample) null);
        }
        return select(filter).stream();
    }

    /** The files of every sample as test arguments; a single null when the data is absent. */
    public static Stream<Path> fileArguments() {
        List<Path> files = files();
        return files.isEmpty() ? Stream.of((Path) null) : files.stream();
    }

    /** Skips (fails under CI) the calling test for the null placeholder of {@link #arguments()}. */
    public static Sample require(Sample sample) {
        requirePresent(sample != null);
        return sample;
    }

    /** Skips (fails under CI) the calling test for the null placeholder of {@link #fileArguments()}. */
    public static Path require(Path sample) {
        requirePresent(sample != null);
        return sample;
    }

    /** The samples {@code filter} accepts; the calling test is skipped (failed under CI) without the data. */
    public static List<Sample> require(Predicate<? super Sample> filter) {
        requirePresent(!all().isEmpty());
        return select(filter);
    }

    /** One sample by its path below {@code dicom-samples}, or null when absent. */
    public static Path find(String name) {
        return SharedData.find(FOLDER + "/" + name);
    }

    /** One sample by its path below {@code dicom-samples}; skips (fails under CI) the test when absent. */
    public static Path require(String name) {
        return SharedData.require(FOLDER + "/" + name);
    }

    /** The samples folder; skips (fails under CI) the test when absent. */
    public static Path requireDir() {
        return SharedData.require(FOLDER);
    }

    private static void requirePresent(boolean present) {
        Prerequisites.require("../shared/" + FOLDER, present,
                "the shared reference data; set -Dvna.shared (the build sets it to ../shared)");
    }

    private static List<Sample> read() {
        Path root = SharedData.find(FOLDER);
        if (root == null || !Files.isRegularFile(root.resolve(MANIFEST))) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(root.resolve(MANIFEST));
            List<Sample> out = new ArrayList<>();
            // columns: file, size, sha256, ts uid, ts name, sop class uid, sop class name, modality,
            // charset, frames, dicm_at_128, file_meta, features, ...
            for (String line : lines.subList(1, lines.size())) {
                String[] cols = line.split("\t", -1);
                Path file = root.resolve(cols[0]);
                if (Files.isRegularFile(file)) {
                    out.add(new Sample(file, cols[0], column(cols, 3), column(cols, 12), column(cols, 5), column(cols, 7),
                            "Y".equals(column(cols, 11))));
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String column(String[] cols, int i) {
        return cols.length > i ? cols[i] : "";
    }
}
