/**
 * Metadata updates, the implementation of {@link org.vesalius.vna.archive.api.update.UpdatePort}:
 * {@code UpdateService} writes a journal entry first (durable), then brings the index in line for
 * the instances it touches (invariant 3). Internal but for {@link
 * org.vesalius.vna.archive.update.UpdateFeature}, the one factory the server's wiring calls.
 */
package org.vesalius.vna.archive.update;
