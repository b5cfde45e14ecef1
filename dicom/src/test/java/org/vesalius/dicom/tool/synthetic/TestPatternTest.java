package org.vesalius.dicom.tool.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TestPatternTest {

    private static final TestPattern.Levels LEVELS = new TestPattern.Levels(10, 1000, 3000);

    private static int at(byte[] pixels, int matrix, int x, int y) {
        int i = (y * matrix + x) * 2;
        return (pixels[i] & 0xFF) | (pixels[i + 1] & 0xFF) << 8;
    }

    @Test
    void backgroundBodyBallAndTheInstanceNumberInBinary() {
        int matrix = 64;
        byte[] p = TestPattern.pixels(matrix, 4, 9, 0b101, LEVELS);   // the middle of 9: the ball at its widest
        assertThat(p).hasSize(64 * 64 * 2);
        assertThat(at(p, matrix, 0, matrix - 1)).isEqualTo(10);                 // a corner
        assertThat(at(p, matrix, 36, 35)).isEqualTo(3000);                      // inside the ball
        assertThat(at(p, matrix, 8, 36)).isBetween(1000, 1030);                 // body, textured
        int block = matrix / 16;
        assertThat(at(p, matrix, block, block)).isEqualTo(4095);               // bit 0 set
        assertThat(at(p, matrix, block + (block + 1), block)).isEqualTo(10);   // bit 1 clear
        assertThat(at(p, matrix, block + 2 * (block + 1), block)).isEqualTo(4095);
    }

    @Test
    void theBallIsSmallerAtTheEndsOfASeries() {
        int matrix = 64;
        long middle = count(TestPattern.pixels(matrix, 4, 9, 1, LEVELS), matrix);
        long first = count(TestPattern.pixels(matrix, 0, 9, 1, LEVELS), matrix);
        assertThat(first).isLessThan(middle).isPositive();
    }

    @Test
    void ageIsWrittenInTheUnitDicomExpects() {
        LocalDate at = LocalDate.of(2020, 6, 15);
        assertThat(InstanceComposer.age(LocalDate.of(1950, 3, 1), at)).isEqualTo("070Y");
        assertThat(InstanceComposer.age(LocalDate.of(2019, 3, 1), at)).isEqualTo("015M");
        assertThat(InstanceComposer.age(LocalDate.of(2020, 5, 20), at)).isEqualTo("003W");
        assertThat(InstanceComposer.age(LocalDate.of(2020, 6, 12), at)).isEqualTo("003D");
    }

    private static long count(byte[] pixels, int matrix) {
        long n = 0;
        for (int y = 0; y < matrix; y++) {
            for (int x = 0; x < matrix; x++) {
                if (at(pixels, matrix, x, y) == 3000) {
                    n++;
                }
            }
        }
        return n;
    }
}
