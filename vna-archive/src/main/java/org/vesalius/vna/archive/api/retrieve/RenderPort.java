package org.vesalius.vna.archive.api.retrieve;

import java.awt.image.BufferedImage;
import org.vesalius.dicom.image.RenderOptions;
import org.vesalius.vna.archive.api.InstanceRef;

/** Rendered frames (WADO-RS /rendered and /thumbnail, WADO-URI images), from the same instances the retrieve port serves. */
public interface RenderPort {

    /** The most width and height of a thumbnail when no viewport is asked for. */
    int THUMBNAIL_SIZE = 128;

    /**
     * The most width and height a viewport may ask for: 4096 covers a 4K display and a
     * full-resolution mammogram side, while one rendered image stays near 64 MB of RGB.
     */
    int MAX_VIEWPORT_SIDE = 4096;

    /**
     * The most a frame is scaled up to fill a viewport: a viewport beyond this multiple of the
     * frame's columns and rows is reduced to it, so a 16 × 16 image is never drawn at 4096 × 4096.
     */
    int MAX_UPSCALE = 4;

    /** What a rendering of the instance depends on, for entity tags. */
    String version(InstanceRef ref);

    /** Fails as {@link #render} would, before any image is made. */
    void check(InstanceRef ref, int... frames);

    /**
     * Frame {@code frame} (1-based) rendered with {@code options}; a viewport larger than
     * {@link #MAX_UPSCALE} times the frame gives an image that size, smaller than the viewport.
     */
    BufferedImage render(InstanceRef ref, int frame, RenderOptions options);

    /** The instance that stands for a study (series null) or series in a thumbnail. */
    InstanceRef representative(String studyInstanceUid, String seriesInstanceUid);
}
