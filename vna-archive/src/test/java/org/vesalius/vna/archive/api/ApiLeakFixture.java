package org.vesalius.vna.archive.api;

import org.vesalius.vna.archive.ingest.IngestSettings;

/**
 * Breaks "the API carries no internal type" on purpose: an API record holding ingest's settings.
 * Only {@code ArchiveRulesFailTest} imports it.
 */
record ApiLeakFixture(IngestSettings settings) {
}
