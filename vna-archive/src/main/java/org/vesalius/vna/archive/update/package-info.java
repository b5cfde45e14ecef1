/**
 * Metadata updates, the implementation of {@link org.vesalius.vna.archive.api.update.UpdatePort}:
 * {@code UpdateService} writes a journal entry (durable) and answers; the index follows behind, on
 * one thread, for the instances the update touches (invariant 3). Internal but for {@link
 * org.vesalius.vna.archive.update.UpdateFeature}, the one factory the server's wiring calls.
 */
package org.vesalius.vna.archive.update;
