package org.vesalius.vna.archive.retrieve;

/**
 * How retrieval works.
 *
 * @param modifyingSystem the name written as Modifying System (0400,0563) in the Original
 *                        Attributes Sequence items retrieval adds: our AE title
 * @param maxHeaderBytes  the most of a header held in memory (as ingest's cap)
 * @param metadataCache   keep each instance's metadata document beside its blob
 *                        ({@code {sop}.metadata.json}) once it has been computed
 * @param parallelism     how many instances a multi-instance metadata request reads at once
 */
public record RetrieveSettings(String modifyingSystem, long maxHeaderBytes, boolean metadataCache, int parallelism) {

    /** {@code VESALIUS}, 64 MiB headers, cache on, 8 readers. */
    public static final RetrieveSettings DEFAULT = new RetrieveSettings("VESALIUS", 64L << 20, true, 8);

    public RetrieveSettings {
        modifyingSystem = modifyingSystem == null ? "" : modifyingSystem;
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least 1 KiB");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be positive");
        }
    }
}
