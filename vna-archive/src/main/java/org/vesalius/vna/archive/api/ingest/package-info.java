/**
 * The archive's ingest API: the {@link org.vesalius.vna.archive.api.ingest.IngestPort} every
 * storing edge calls, what it takes ({@link org.vesalius.vna.archive.api.ingest.IngestRequest}
 * from an {@link org.vesalius.vna.archive.api.ingest.IngestSource}) and what it answers
 * ({@link org.vesalius.vna.archive.api.ingest.IngestResult}: stored, with its
 * {@link org.vesalius.vna.archive.api.ingest.Coercion}s and
 * {@link org.vesalius.vna.archive.api.ingest.Indexing}, or a typed failure naming the object by
 * its {@link org.vesalius.vna.archive.api.ingest.ObjectIds}). No storage or index type crosses
 * it; the implementation lives in {@code archive.ingest} behind {@code IngestFeature}.
 */
package org.vesalius.vna.archive.api.ingest;
