package org.vesalius.dicom.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;
import org.vesalius.testsupport.samples.SharedSamples;

/** The samples no DICOM reader can parse although the MANIFEST does not mark them malformed. */
public final class NotDicom {

    private static final Set<String> NAMES = load();

    private NotDicom() {
    }

    /** True when {@code sample} is listed in {@code io/not-dicom-samples.txt}. */
    public static boolean contains(SharedSamples.Sample sample) {
        return NAMES.contains(sample.name());
    }

    private static Set<String> load() {
        try (InputStream in = NotDicom.class.getResourceAsStream("/org/vesalius/dicom/io/not-dicom-samples.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split("\t")[0])
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
