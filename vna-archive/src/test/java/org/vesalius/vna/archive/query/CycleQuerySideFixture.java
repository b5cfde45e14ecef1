package org.vesalius.vna.archive.query;

import org.vesalius.vna.archive.update.CycleUpdateSideFixture;

/**
 * One half of a package cycle (query -> update -> query), made on purpose for
 * {@code ArchiveRulesFailTest}; nothing calls it.
 */
public final class CycleQuerySideFixture {

    CycleUpdateSideFixture other() {
        return new CycleUpdateSideFixture();
    }
}
