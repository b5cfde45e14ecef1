package org.vesalius.vna.archive.retrieve;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.vesalius.testsupport.samples.SharedSamples;

/**
 * The files of {@code ../shared/dicom-samples} as paths, for the archive's sample tests: a view of
 * test-support's {@link SharedSamples}, the one reader of the samples' MANIFEST.
 */
public final class Samples {

    private Samples() {
    }

    /** Every sample file, or one null (so that a parameterized test can skip) when the data is absent. */
    public static Stream<Path> all() {
        return SharedSamples.fileArguments();
    }

    /** Every sample file; empty when the data is absent. */
    public static List<Path> files() {
        return SharedSamples.files();
    }

    /** One sample by its path under dicom-samples, or null when the data is absent. */
    public static Path get(String relative) {
        return SharedSamples.find(relative);
    }

    /**
     * The placeholder of {@link #all()} checked: the calling test is skipped without the shared
     * data, or failed under CI (test-support's {@code Prerequisites}).
     */
    public static Path require(Path sample) {
        return SharedSamples.require(sample);
    }
}
