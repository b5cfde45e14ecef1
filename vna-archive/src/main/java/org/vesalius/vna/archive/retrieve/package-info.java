/**
 * Retrieval: the one {@link org.vesalius.vna.archive.retrieve.RetrieveService} every retrieve
 * interface uses (WADO-RS, WADO-URI, and later C-MOVE/C-GET, rendering and transcoding). It
 * locates instances in the blob store (the truth, not the index), works out the header the
 * archive serves (the stored header with its coercion record and the journal's entries applied,
 * plus the Original Attributes Sequence that says so), and streams: the changed top-level elements
 * are spliced into the stored bytes, everything else, pixel data above all, passes through
 * untouched. Frames and bulk data are read by range from the stored object.
 */
package org.vesalius.vna.archive.retrieve;
