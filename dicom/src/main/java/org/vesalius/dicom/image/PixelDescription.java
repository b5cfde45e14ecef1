package org.vesalius.dicom.image;

import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;

/**
 * The Image Pixel module (PS3.3 C.7.6.3) of a data set: how its frames are laid out and what
 * their samples mean.
 *
 * @param rows                      Rows (0028,0010)
 * @param columns                   Columns (0028,0011)
 * @param samplesPerPixel           Samples per Pixel (0028,0002): 1 for monochrome and palette, 3 for colour
 * @param bitsAllocated             Bits Allocated (0028,0100): 1, 8, 16 or 32
 * @param bitsStored                Bits Stored (0028,0101)
 * @param highBit                   High Bit (0028,0102)
 * @param signed                    Pixel Representation (0028,0103) is 1 (two's complement)
 * @param photometricInterpretation Photometric Interpretation (0028,0004), e.g. {@code MONOCHROME2}
 * @param planarConfiguration       Planar Configuration (0028,0006): 0 colour-by-pixel, 1 colour-by-plane
 * @param numberOfFrames            Number of Frames (0028,0008), 1 when absent
 */
public record PixelDescription(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored, int highBit,
        boolean signed, String photometricInterpretation, int planarConfiguration, int numberOfFrames) {

    public PixelDescription {
        if (rows < 0 || columns < 0 || samplesPerPixel < 1 || bitsAllocated < 1 || numberOfFrames < 1) {
            throw new IllegalArgumentException("invalid image pixel description: rows " + rows + ", columns " + columns
                    + ", samples " + samplesPerPixel + ", bits allocated " + bitsAllocated + ", frames " + numberOfFrames);
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            bitsStored = bitsAllocated; // seen in the wild: 0 or more than allocated
        }
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            highBit = bitsStored - 1;
        }
        photometricInterpretation = photometricInterpretation == null || photometricInterpretation.isBlank()
                ? (samplesPerPixel == 1 ? "MONOCHROME2" : "RGB") : photometricInterpretation.strip();
    }

    /** The description of {@code ds}'s pixel data; missing values take their most common defaults. */
    public static PixelDescription of(Dataset ds) {
        int bitsAllocated = ds.getInt(Tags.BitsAllocated, 8);
        int bitsStored = ds.getInt(Tags.BitsStored, bitsAllocated);
        return new PixelDescription(ds.getInt(Tags.Rows, 0), ds.getInt(Tags.Columns, 0), ds.getInt(Tags.SamplesPerPixel, 1),
                bitsAllocated, bitsStored, ds.getInt(Tags.HighBit, bitsStored - 1), ds.getInt(Tags.PixelRepresentation, 0) == 1,
                ds.getString(Tags.PhotometricInterpretation, ""), ds.getInt(Tags.PlanarConfiguration, 0),
                numberOfFrames(ds));
    }

    private static int numberOfFrames(Dataset ds) {
        try {
            return Math.max(1, Integer.parseInt(ds.getString(Tags.NumberOfFrames, "1").strip()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** True for MONOCHROME1 and MONOCHROME2. */
    public boolean monochrome() {
        return photometricInterpretation.startsWith("MONOCHROME");
    }

    /** True for YBR_FULL_422 stored natively: two luminance samples share one pair of chrominance samples. */
    public boolean subsampled422() {
        return photometricInterpretation.equals("YBR_FULL_422") || photometricInterpretation.equals("YBR_PARTIAL_422");
    }

    /** Samples per frame as stored natively (fewer than rows × columns × samples for 4:2:2). */
    public long samplesPerFrame() {
        long pixels = (long) rows * columns;
        return subsampled422() && samplesPerPixel == 3 ? pixels * 2 : pixels * samplesPerPixel;
    }

    /** Bytes of one native frame: 1-bit frames are packed without padding, so a frame may end inside a byte. */
    public long frameLength() {
        return (samplesPerFrame() * bitsAllocated + 7) / 8;
    }

    /** The same pixels with another Photometric Interpretation, colour-by-pixel (what a decoder gives). */
    public PixelDescription decodedAs(String photometric) {
        return new PixelDescription(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, highBit, signed, photometric, 0,
                numberOfFrames);
    }
}
