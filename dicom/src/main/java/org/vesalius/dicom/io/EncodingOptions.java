package org.vesalius.dicom.io;

import java.util.Objects;
import java.util.zip.Deflater;

/**
 * How a {@link DicomWriter} encodes.
 *
 * @param preserve        bit-preserving mode: write every element exactly as it was read (VRs,
 *                        odd lengths, group lengths, defined or undefined lengths, preamble, File
 *                        Meta and trailing padding); off, the writer normalizes (see
 *                        {@link DicomWriter})
 * @param deflateLevel    compression level for deflated transfer syntaxes (0-9)
 * @param bulkData        resolves {@link org.vesalius.dicom.data.BulkDataRef} values to bytes;
 *                        null refuses them
 */
public record EncodingOptions(boolean preserve, int deflateLevel, BulkDataResolver bulkData) {

    /** Normalizing writer, default deflate level, no bulk data references. */
    public static final EncodingOptions DEFAULT = new EncodingOptions(false, Deflater.DEFAULT_COMPRESSION, null);
    /** Bit-preserving writer. */
    public static final EncodingOptions PRESERVE = new EncodingOptions(true, Deflater.DEFAULT_COMPRESSION, null);

    public EncodingOptions {
        if (deflateLevel < -1 || deflateLevel > 9) {
            throw new IllegalArgumentException("deflate level must be -1..9");
        }
    }

    /** With {@code resolver} for bulk data references. */
    public EncodingOptions withBulkData(BulkDataResolver resolver) {
        return new EncodingOptions(preserve, deflateLevel, Objects.requireNonNull(resolver));
    }
}
