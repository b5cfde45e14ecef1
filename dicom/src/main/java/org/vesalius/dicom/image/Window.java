package org.vesalius.dicom.image;

import java.util.Optional;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;

/**
 * A VOI window (PS3.3 C.11.2): which range of modality values is shown, and how.
 *
 * @param center   Window Center
 * @param width    Window Width, at least 1
 * @param function how values inside the window map to output
 */
public record Window(double center, double width, VoiFunction function) {

    public Window {
        if (!(width >= 1) && !(function == VoiFunction.LINEAR_EXACT && width > 0)) {
            throw new IllegalArgumentException("window width must be at least 1 (above 0 for LINEAR_EXACT), got " + width);
        }
        if (Double.isNaN(center) || Double.isInfinite(center)) {
            throw new IllegalArgumentException("window center must be a number");
        }
    }

    /**
     * The object's first window for {@code frame} (1-based): the Frame VOI LUT macro of an enhanced
     * object, else Window Center / Width at the top level; empty when there is none or it is invalid.
     */
    public static Optional<Window> of(Dataset header, int frame) {
        Dataset source = FunctionalGroups.macro(header, frame, Tags.FrameVOILUTSequence);
        Optional<Window> w = source == null ? Optional.empty() : read(source);
        return w.isPresent() ? w : read(header);
    }

    private static Optional<Window> read(Dataset ds) {
        var c = ds.getDouble(Tags.WindowCenter, 0);
        var w = ds.getDouble(Tags.WindowWidth, 0);
        if (c.isEmpty() || w.isEmpty()) {
            return Optional.empty();
        }
        VoiFunction f = VoiFunction.parse(ds.getString(Tags.VOILUTFunction, "")).orElse(VoiFunction.LINEAR);
        try {
            return Optional.of(new Window(c.getAsDouble(), w.getAsDouble(), f));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The same window with another function. */
    public Window withFunction(VoiFunction f) {
        return new Window(center, width, f);
    }

    /** Maps a modality value to 0..{@code max}. */
    public double apply(double x, double max) {
        return switch (function) {
            case LINEAR -> {
                double low = center - 0.5 - (width - 1) / 2;
                double high = center - 0.5 + (width - 1) / 2;
                if (x <= low) {
                    yield 0;
                }
                if (x > high) {
                    yield max;
                }
                yield width <= 1 ? max : ((x - (center - 0.5)) / (width - 1) + 0.5) * max;
            }
            case LINEAR_EXACT -> {
                if (x <= center - width / 2) {
                    yield 0;
                }
                if (x > center + width / 2) {
                    yield max;
                }
                yield ((x - center) / width + 0.5) * max;
            }
            case SIGMOID -> max / (1 + Math.exp(-4 * (x - center) / width));
        };
    }
}
