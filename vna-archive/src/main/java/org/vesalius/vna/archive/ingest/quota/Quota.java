package org.vesalius.vna.archive.ingest.quota;

/**
 * How much one source may store per quota window on this node.
 *
 * @param bytes     bytes of newly stored objects; 0: no limit
 * @param instances newly stored objects; 0: no limit
 */
public record Quota(long bytes, long instances) {

    /** No limit. */
    public static final Quota UNLIMITED = new Quota(0, 0);

    public Quota {
        if (bytes < 0 || instances < 0) {
            throw new IllegalArgumentException("a quota is not negative: " + bytes + " bytes, " + instances + " instances");
        }
    }

    /** True when neither bytes nor instances are limited. */
    public boolean unlimited() {
        return bytes == 0 && instances == 0;
    }

    @Override
    public String toString() {
        return (bytes == 0 ? "" : bytes + " bytes") + (bytes != 0 && instances != 0 ? " and " : "")
                + (instances == 0 ? "" : instances + " instances");
    }
}
