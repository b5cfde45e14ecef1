/**
 * Rendering: {@link org.vesalius.vna.archive.render.RenderService} turns a stored frame into an
 * image for WADO-RS rendered resources and thumbnails and for WADO-URI, with the toolkit's
 * {@code org.vesalius.dicom.image} and {@code org.vesalius.dicom.codec}.
 */
package org.vesalius.vna.archive.render;
