/**
 * Metadata updates: {@link org.vesalius.vna.archive.update.UpdateService} writes a journal entry
 * first (durable), then brings the index in line for the instances it touches (invariant 3). The
 * HL7 ADT feed, an admin API and IOCM rejection notes will call it.
 */
package org.vesalius.vna.archive.update;
