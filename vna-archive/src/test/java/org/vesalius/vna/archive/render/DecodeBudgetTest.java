package org.vesalius.vna.archive.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.vesalius.dicom.image.PixelDescription;

/** The memory renderings in flight share: taken before decoding, given back after, never more than the whole. */
class DecodeBudgetTest {

    private static final PixelDescription CT = new PixelDescription(512, 512, 1, 16, 12, 11, true, "MONOCHROME2", 0, 1);
    private static final PixelDescription HUGE = new PixelDescription(16384, 16384, 3, 8, 8, 7, false, "RGB", 0, 1);

    @Test
    void aShareIsTheEstimateAndComesBackOnClose() {
        DecodeBudget budget = new DecodeBudget(64L << 20);
        long estimate = DecodeBudget.estimate(CT.frameLength(), CT);
        // Stored and decoded frame (512 KiB each), samples and image as ints (1 MiB each).
        assertThat(estimate).isEqualTo(3L << 20);
        try (DecodeBudget.Share share = budget.take(CT.frameLength(), CT)) {
            assertThat(budget.availableKib()).isEqualTo((64 << 10) - (3 << 10));
        }
        assertThat(budget.availableKib()).isEqualTo(64 << 10);
    }

    @Test
    void aRenderingLargerThanTheWholeBudgetTakesAllOfItAndRunsAlone() {
        DecodeBudget budget = new DecodeBudget(64L << 20);
        DecodeBudget.Share share = budget.take(HUGE.frameLength(), HUGE);
        assertThat(budget.availableKib()).isZero();
        share.close();
        share.close(); // twice gives back once
        assertThat(budget.availableKib()).isEqualTo(64 << 10);
    }

    @Test
    void aBudgetBelowOneKibIsRefused() {
        assertThatThrownBy(() -> new DecodeBudget(1000)).isInstanceOf(IllegalArgumentException.class);
    }
}
