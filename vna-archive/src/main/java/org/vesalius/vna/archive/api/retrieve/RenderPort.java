package org.vesalius.vna.archive.api.retrieve;

import java.awt.image.BufferedImage;
import org.vesalius.dicom.image.RenderOptions;
import org.vesalius.vna.archive.api.InstanceRef;

/** Rendered frames (WADO-RS /rendered and /thumbnail, WADO-URI images), from the same instances the retrieve port serves. */
public interface RenderPort {

    /** The most width and height of a thumbnail when no viewport is asked for. */
    int THUMBNAIL_SIZE = 128;

    /** What a rendering of the instance depends on, for entity tags. */
    String version(InstanceRef ref);

    /** Fails as {@link #render} would, before any image is made. */
    void check(InstanceRef ref, int... frames);

    /** Frame {@code frame} (1-based) rendered with {@code options}. */
    BufferedImage render(InstanceRef ref, int frame, RenderOptions options);

    /** The instance that stands for a study (series null) or series in a thumbnail. */
    InstanceRef representative(String studyInstanceUid, String seriesInstanceUid);
}
