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

    /**
     * An instance looked up once for rendering: its version, the check and every frame rendered
     * come from that one lookup (a {@code /rendered} request is one lookup, not three).
     *
     * @throws RuntimeException the archive's not-found failure when it is not stored
     */
    Renderable open(InstanceRef ref);

    /** An instance ready to render, from one lookup ({@link #open}). */
    interface Renderable {

        /** What a rendering of the instance depends on, for entity tags. */
        String version();

        /** Fails as {@link #render} would, before any image is made. */
        void check(int... frames);

        /**
         * Frame {@code frame} (1-based) rendered with {@code options}; a viewport larger than
         * {@link #MAX_UPSCALE} times the frame gives an image that size, smaller than the viewport.
         */
        BufferedImage render(int frame, RenderOptions options);
    }

    /** What a rendering of the instance depends on, for entity tags. */
    default String version(InstanceRef ref) {
        return open(ref).version();
    }

    /** Fails as {@link #render} would, before any image is made. */
    default void check(InstanceRef ref, int... frames) {
        open(ref).check(frames);
    }

    /** Frame {@code frame} (1-based) of an instance rendered with {@code options} (see {@link Renderable#render}). */
    default BufferedImage render(InstanceRef ref, int frame, RenderOptions options) {
        return open(ref).render(frame, options);
    }

    /** The instance that stands for a study (series null) or series in a thumbnail. */
    InstanceRef representative(String studyInstanceUid, String seriesInstanceUid);
}
