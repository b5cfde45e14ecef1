package org.vesalius.vna.archive.retrieve;

import java.util.Objects;
import org.vesalius.dicom.codec.DecodeLimits;

/**
 * How retrieval works.
 *
 * @param modifyingSystem the name written as Modifying System (0400,0563) in the Original
 *                        Attributes Sequence items retrieval adds: our AE title
 * @param maxHeaderBytes  the most of a header held in memory (as ingest's cap)
 * @param metadataCache   keep each instance's metadata document beside its blob
 *                        ({@code {sop}.metadata.json}) once it has been computed
 * @param parallelism     how many instances a multi-instance metadata request reads at once
 * @param decodeLimits    how large a decoded frame may be, for rendering, decoded frames and
 *                        transcoding (C-MOVE/C-GET conversion, WADO {@code transferSyntax})
 */
public record RetrieveSettings(String modifyingSystem, long maxHeaderBytes, boolean metadataCache, int parallelism,
        DecodeLimits decodeLimits) {

    /** {@code VESALIUS}, 64 MiB headers, cache on, 8 readers, the toolkit's decode limits. */
    public static final RetrieveSettings DEFAULT = new RetrieveSettings("VESALIUS", 64L << 20, true, 8);

    /** With the toolkit's {@link DecodeLimits#DEFAULT}. */
    public RetrieveSettings(String modifyingSystem, long maxHeaderBytes, boolean metadataCache, int parallelism) {
        this(modifyingSystem, maxHeaderBytes, metadataCache, parallelism, DecodeLimits.DEFAULT);
    }

    public RetrieveSettings {
        Objects.requireNonNull(decodeLimits, "decodeLimits");
        modifyingSystem = modifyingSystem == null ? "" : modifyingSystem;
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least 1 KiB");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive");
        }
    }
}
