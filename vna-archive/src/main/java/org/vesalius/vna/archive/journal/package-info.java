/**
 * The metadata journal (docs/architecture.md invariant 3): append-only small JSON documents in the
 * blob store that change what the archive says about stored instances without touching their
 * bytes. A change is a journal entry first, then an index update; whoever reads a header (the
 * index catch-up, {@code vna reindex}, retrieval) replays the entries that apply to it, so WADO,
 * C-MOVE, QIDO and FHIR agree. Patient updates come first: for a patient identity (Patient ID +
 * Issuer of Patient ID), new values of patient-level attributes.
 */
package org.vesalius.vna.archive.journal;
