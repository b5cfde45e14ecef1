package org.vesalius.dicom.image;

import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;

/**
 * The Modality LUT as a linear function (PS3.3 C.11.1): output = stored × slope + intercept, for
 * example Hounsfield units from CT values.
 *
 * @param slope     Rescale Slope (0028,1053)
 * @param intercept Rescale Intercept (0028,1052)
 */
public record Rescale(double slope, double intercept) {

    /** No change. */
    public static final Rescale IDENTITY = new Rescale(1, 0);

    /** The rescale of {@code frame} (1-based): the Pixel Value Transformation macro of an enhanced object, else the top level. */
    public static Rescale of(Dataset header, int frame) {
        Dataset source = FunctionalGroups.macro(header, frame, Tags.PixelValueTransformationSequence);
        if (source == null) {
            source = header;
        }
        double slope = source.getDouble(Tags.RescaleSlope, 0).orElse(1);
        double intercept = source.getDouble(Tags.RescaleIntercept, 0).orElse(0);
        return new Rescale(slope == 0 || Double.isNaN(slope) ? 1 : slope, Double.isNaN(intercept) ? 0 : intercept);
    }

    public double apply(double stored) {
        return stored * slope + intercept;
    }
}
