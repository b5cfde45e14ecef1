package org.vesalius.vna.archive.dimse;

import org.vesalius.vna.archive.ingest.IngestSettings;

/**
 * Breaks "edges use only the archive API" on purpose: an edge class reading ingest's internal
 * settings. Only {@code ArchiveRulesFailTest} imports it; nothing calls it.
 */
final class EdgeReachingInFixture {

    long headerCap() {
        return IngestSettings.DEFAULT.maxHeaderBytes();
    }
}
