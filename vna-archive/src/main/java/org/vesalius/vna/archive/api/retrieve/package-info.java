/**
 * The retrieve port: a {@link org.vesalius.vna.archive.api.retrieve.RetrieveScope} resolved to
 * instances by one call ({@link org.vesalius.vna.archive.api.retrieve.RetrievePort#resolve}), the
 * same for every edge.
 */
package org.vesalius.vna.archive.api.retrieve;
