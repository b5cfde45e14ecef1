package org.vesalius.dicom.image;

/**
 * How to render a frame.
 *
 * @param window   the VOI window to apply to monochrome frames; null for the object's own (its
 *                 first window, else its VOI LUT, else the frame's value range)
 * @param viewport the frame is scaled to fit this size, its aspect ratio kept (PS3.18 8.3.5.1.3);
 *                 null for the frame's own size
 */
public record RenderOptions(Window window, Viewport viewport) {

    /** The object's own window, natural size. */
    public static final RenderOptions DEFAULT = new RenderOptions(null, null);

    /**
     * The size of a rendered image.
     *
     * @param width  the most columns, at least 1
     * @param height the most rows, at least 1
     */
    public record Viewport(int width, int height) {
        public Viewport {
            if (width < 1 || height < 1) {
                throw new IllegalArgumentException("viewport must be at least 1 × 1, got " + width + " × " + height);
            }
        }
    }

    public RenderOptions withWindow(Window w) {
        return new RenderOptions(w, viewport);
    }

    public RenderOptions withViewport(Viewport v) {
        return new RenderOptions(window, v);
    }
}
