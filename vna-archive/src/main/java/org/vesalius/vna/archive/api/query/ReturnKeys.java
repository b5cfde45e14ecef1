package org.vesalius.vna.archive.api.query;

import java.util.Set;

/**
 * Which attributes each result carries, besides the keys of the query itself (which are always
 * returned, PS3.4 C.2.2.1.2 and PS3.18 8.3.4).
 *
 * @param all      every attribute the archive holds at the query level and above
 *                 ({@code includefield=all})
 * @param defaults the QIDO-RS default attributes of the level and, at the series and instance
 *                 levels, those of the levels above (PS3.18 Table 10.6.3-3 to -5); false for
 *                 C-FIND, which returns exactly the keys it was asked for
 * @param tags     further attributes by tag ({@code includefield=...}); a sequence is returned
 *                 whole
 */
public record ReturnKeys(boolean all, boolean defaults, Set<Integer> tags) {

    /** Only the query's own keys (C-FIND). */
    public static final ReturnKeys KEYS_ONLY = new ReturnKeys(false, false, Set.of());

    /** The QIDO-RS defaults. */
    public static final ReturnKeys QIDO_DEFAULTS = new ReturnKeys(false, true, Set.of());

    public ReturnKeys {
        tags = Set.copyOf(tags);
    }
}
