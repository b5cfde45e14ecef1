/**
 * The archive's update API: {@link org.vesalius.vna.archive.api.update.UpdatePort} takes a
 * {@link org.vesalius.vna.archive.api.update.PatientUpdate} and answers an
 * {@link org.vesalius.vna.archive.api.update.UpdateResult}. No journal, storage or index type
 * crosses it; the implementation lives in {@code archive.update} behind {@code UpdateFeature}.
 */
package org.vesalius.vna.archive.api.update;
