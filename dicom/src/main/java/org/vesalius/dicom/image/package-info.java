/**
 * Pixel data as images: the Image Pixel description ({@link org.vesalius.dicom.image.PixelDescription}),
 * native frames as samples ({@link org.vesalius.dicom.image.FrameSamples}), the modality and VOI
 * transforms ({@link org.vesalius.dicom.image.Rescale}, {@link org.vesalius.dicom.image.Window},
 * {@link org.vesalius.dicom.image.LookupTable}), rendering to an 8-bit grey or RGB
 * {@link java.awt.image.BufferedImage} ({@link org.vesalius.dicom.image.FrameRenderer}) and writing
 * it as JPEG or PNG ({@link org.vesalius.dicom.image.ImageEncoder}). Compressed frames are decoded
 * by {@code org.vesalius.dicom.codec} first. Headless: only java.desktop's image classes are used.
 */
package org.vesalius.dicom.image;
