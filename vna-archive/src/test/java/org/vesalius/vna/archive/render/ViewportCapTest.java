package org.vesalius.vna.archive.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vesalius.dicom.image.PixelDescription;
import org.vesalius.dicom.image.RenderOptions;
import org.vesalius.dicom.image.RenderOptions.Viewport;

/** The viewport a frame is rendered to: at most 4 times the frame per side, and never over 4096. */
class ViewportCapTest {

    private static PixelDescription frame(int columns, int rows) {
        return new PixelDescription(rows, columns, 1, 8, 8, 7, false, "MONOCHROME2", 0, 1);
    }

    private static Viewport capped(int width, int height, PixelDescription frame) {
        return RenderService.capped(RenderOptions.DEFAULT.withViewport(new Viewport(width, height)), frame).viewport();
    }

    @Test
    void a_small_frame_is_scaled_up_at_most_four_times() {
        assertThat(capped(4096, 4096, frame(16, 16))).isEqualTo(new Viewport(64, 64));
        assertThat(capped(4096, 100, frame(16, 8))).isEqualTo(new Viewport(64, 32));
    }

    @Test
    void no_side_exceeds_4096_even_for_a_large_frame() {
        assertThat(capped(8192, 8192, frame(3000, 2000))).isEqualTo(new Viewport(4096, 4096));
    }

    @Test
    void viewports_within_the_rule_are_kept() {
        RenderOptions options = RenderOptions.DEFAULT.withViewport(new Viewport(512, 256));
        assertThat(RenderService.capped(options, frame(512, 512))).isSameAs(options);
        assertThat(capped(128, 128, frame(16, 16))).isEqualTo(new Viewport(64, 64));
        assertThat(capped(32, 16, frame(64, 64))).isEqualTo(new Viewport(32, 16));
        assertThat(RenderService.capped(RenderOptions.DEFAULT, frame(16, 16))).isSameAs(RenderOptions.DEFAULT);
    }
}
