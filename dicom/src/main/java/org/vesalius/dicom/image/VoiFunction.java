package org.vesalius.dicom.image;

import java.util.Locale;
import java.util.Optional;

/** VOI LUT Function (0028,1056), PS3.3 C.11.2.1.3: how a window maps values to output. */
public enum VoiFunction {
    /** The default: C.11.2.1.2.1, with its half-unit offsets. */
    LINEAR,
    /** C.11.2.1.3.2: exact, without the offsets (for floating point and PET). */
    LINEAR_EXACT,
    /** C.11.2.1.3.1: a logistic curve centred on the window centre. */
    SIGMOID;

    /** The function named {@code text} ({@code LINEAR_EXACT}, or {@code linear-exact} as DICOMweb writes it). */
    public static Optional<VoiFunction> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_')));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
