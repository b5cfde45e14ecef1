/**
 * The worklist behind {@link org.vesalius.vna.archive.api.worklist.WorklistPort}: each item is a
 * JSON document in the blob store ({@code worklist/<id>.json}, {@code WorklistFormat}), written
 * first, then its copy in the {@link org.vesalius.vna.archive.index.WorklistIndex}. A failure
 * between the two leaves the blob written and the caller told to send again; storing the same
 * item again repairs the index. {@link org.vesalius.vna.archive.worklist.WorklistFeature} is the
 * one public factory.
 */
package org.vesalius.vna.archive.worklist;
