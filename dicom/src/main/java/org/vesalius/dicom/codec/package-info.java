/**
 * Transfer syntax conversion: {@link org.vesalius.dicom.codec.Transcoder} rewrites a data set
 * between the native syntaxes (deflate included) with its pixel data streaming through, and from
 * JPEG Baseline, 8-bit JPEG Extended, JPEG 2000 and RLE Lossless into a native syntax, one frame
 * at a time ({@link org.vesalius.dicom.codec.FrameDecoder}, {@link org.vesalius.dicom.codec.FrameDecoders}).
 * Which fragments of encapsulated pixel data make which frame is decided by
 * {@link org.vesalius.dicom.codec.FrameSplitter}, for the transcoder and for anyone who serves
 * frames as stored. JPEG uses the JDK's ImageIO reader; JPEG 2000 uses jai-imageio-jpeg2000 when
 * it is on the class path. Encoders are not provided.
 */
package org.vesalius.dicom.codec;
