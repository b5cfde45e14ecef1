package org.vesalius.vna.archive.update;

import org.vesalius.vna.archive.query.CycleQuerySideFixture;

/**
 * The other half of a package cycle (update -> query -> update), made on purpose for
 * {@code ArchiveRulesFailTest}; nothing calls it.
 */
public final class CycleUpdateSideFixture {

    CycleQuerySideFixture other() {
        return null;
    }
}
