package org.vesalius.dicom.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.vesalius.dicom.codec.FrameSplitter.FragmentHead;
import org.vesalius.dicom.data.UID;

class FrameSplitterTest {

    static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10};
    static final byte[] J2K = {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51, 0, 0x2F};
    static final byte[] JP2 = {0, 0, 0, 0x0C, 'j', 'P', ' ', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A};
    static final byte[] JXL_CODESTREAM = {(byte) 0xFF, 0x0A, (byte) 0xFA, 0x7F};
    static final byte[] JXL_CONTAINER = {0, 0, 0, 0x0C, 'J', 'X', 'L', ' ', 0x0D, 0x0A, (byte) 0x87, 0x0A};
    static final byte[] MIDDLE = {0x12, 0x34, 0x56, 0x78, (byte) 0x9A, (byte) 0xBC, (byte) 0xDE, (byte) 0xF0};

    @Test
    void aSingleFrameTakesEveryFragmentWhateverTheyBeginWith() {
        List<FragmentHead> fragments = List.of(head(JPEG, 100), head(JPEG, 50), head(MIDDLE, 30));

        assertThat(FrameSplitter.frameStarts(UID.JPEGBaseline8Bit, 1, null, null, fragments)).containsExactly(0);
        assertThat(FrameSplitter.frameStarts(UID.JPEGBaseline8Bit, 0, null, null, fragments)).containsExactly(0);
        FrameSplitter streaming = FrameSplitter.of(UID.JPEGBaseline8Bit, 1, null, null);
        assertThat(fragments.stream().mapToInt(f -> streaming.next(f.length(), f.head()))).containsExactly(0, 0, 0);
    }

    @Test
    void asManyFragmentsAsFramesIsOneEachWhenNothingElseTells() {
        // An encapsulated syntax whose markers the rule does not know (MPEG-2 here).
        List<FragmentHead> fragments = List.of(head(MIDDLE, 10), head(MIDDLE, 12), head(MIDDLE, 14));

        assertThat(FrameSplitter.frameStarts("1.2.840.10008.1.2.4.100", 3, null, null, fragments)).containsExactly(0, 1, 2);
    }

    @Test
    void rleIsOneFragmentPerFrameAlsoWhileStreaming() {
        FrameSplitter streaming = FrameSplitter.of(UID.RLELossless, 3, null, null);

        assertThat(new int[] {streaming.next(64, MIDDLE), streaming.next(64, MIDDLE), streaming.next(64, MIDDLE)}).containsExactly(0, 1, 2);
        assertThat(FrameSplitter.frameStarts(UID.RLELossless, 2, new byte[0], null, List.of(head(MIDDLE, 64), head(MIDDLE, 64))))
                .containsExactly(0, 1);
    }

    @Test
    void theBasicOffsetTableGroupsFragmentsIntoFrames() {
        // Frame 1: fragments of 100 and 50 bytes; frame 2 starts at 8+100 + 8+50 = 166: 20 and 30; frame 3 at 166+28+38 = 232.
        byte[] bot = le32(0, 166, 232);
        List<FragmentHead> fragments = List.of(head(JPEG, 100), head(MIDDLE, 50), head(JPEG, 20), head(JPEG, 30), head(MIDDLE, 40));

        assertThat(FrameSplitter.frameStarts(UID.JPEGBaseline8Bit, 3, bot, null, fragments)).containsExactly(0, 2, 4);
        FrameSplitter streaming = FrameSplitter.of(UID.JPEGBaseline8Bit, 3, bot, null);
        assertThat(streaming.usesOffsetTable()).isTrue();
        assertThat(fragments.stream().mapToInt(f -> streaming.next(f.length(), f.head()))).containsExactly(0, 0, 1, 1, 2);
    }

    @Test
    void anOffsetThatFallsInsideAFragmentStartsTheFrameAtTheNextOneAndMayLeaveAFrameEmpty() {
        byte[] bot = le32(0, 10, 20); // both inside the first fragment (8 + 100 bytes)
        List<FragmentHead> fragments = List.of(head(JPEG, 100), head(JPEG, 100));

        assertThat(FrameSplitter.frameStarts(UID.JPEGBaseline8Bit, 3, bot, null, fragments)).containsExactly(0, 1, 1);
    }

    @Test
    void aTableListsExactlyNumberOfFramesEvenWhenFragmentsRunOut() {
        byte[] bot = le32(0, 108, 1000);

        assertThat(FrameSplitter.frameStarts(UID.JPEGBaseline8Bit, 3, bot, null, List.of(head(JPEG, 100), head(JPEG, 100))))
                .containsExactly(0, 1, 2);
    }

    @Test
    void theExtendedOffsetTableIsPreferredToTheBasicOne() {
        byte[] eot = le64(0, 216);     // frames of two 100-byte fragments each
        byte[] bot = le32(0, 108);     // would say one each, and is wrong
        List<FragmentHead> fragments = List.of(head(JPEG, 100), head(MIDDLE, 100), head(JPEG, 100), head(MIDDLE, 100));

        assertThat(FrameSplitter.frameStarts(UID.JPEGBaseline8Bit, 2, bot, eot, fragments)).containsExactly(0, 2);
        assertThat(FrameSplitter.frameStarts(UID.JPEGBaseline8Bit, 2, bot, null, fragments)).containsExactly(0, 1);
    }

    @Test
    void aTableWithoutAnEntryPerFrameIsIgnored() {
        byte[] shortBot = le32(0); // one entry for two frames
        List<FragmentHead> fragments = List.of(head(JPEG, 100), head(MIDDLE, 100), head(JPEG, 100));

        assertThat(FrameSplitter.of(UID.JPEGBaseline8Bit, 2, shortBot, le64(0)).usesOffsetTable()).isFalse();
        assertThat(FrameSplitter.frameStarts(UID.JPEGBaseline8Bit, 2, shortBot, le64(0), fragments)).containsExactly(0, 2);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jpeg", "j2k", "jp2", "jxl-codestream", "jxl-container"})
    void withoutATableACodestreamMarkerStartsAFrame(String codec) {
        byte[] start = switch (codec) {
            case "jpeg" -> JPEG;
            case "j2k" -> J2K;
            case "jp2" -> JP2;
            case "jxl-codestream" -> JXL_CODESTREAM;
            default -> JXL_CONTAINER;
        };
        List<FragmentHead> fragments = List.of(head(start, 40), head(MIDDLE, 40), head(start, 40), head(start, 40), head(MIDDLE, 4));

        assertThat(FrameSplitter.frameStarts(UID.JPEGXL, 3, new byte[0], null, fragments)).containsExactly(0, 2, 3);
        FrameSplitter streaming = FrameSplitter.of(UID.JPEGXL, 3, null, null);
        assertThat(fragments.stream().mapToInt(f -> streaming.next(f.length(), f.head()))).containsExactly(0, 0, 1, 2, 2);
    }

    @Test
    void recognisesEachCodestreamStartAndNothingElse() {
        assertThat(List.of(JPEG, J2K, JP2, JXL_CODESTREAM, JXL_CONTAINER)).allMatch(FrameSplitter::isCodestreamStart);
        assertThat(FrameSplitter.isCodestreamStart(MIDDLE)).isFalse();
        assertThat(FrameSplitter.isCodestreamStart(new byte[] {(byte) 0xFF})).isFalse();
        assertThat(FrameSplitter.isCodestreamStart(new byte[] {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x52})).isFalse();
        assertThat(FrameSplitter.isCodestreamStart(Arrays.copyOf(JP2, 6))).isFalse();
        assertThat(FrameSplitter.isCodestreamStart(new byte[0])).isFalse();
    }

    @Test
    void fragmentsThatDoNotTellWhereFramesBeginAreRefused() {
        List<FragmentHead> noStarts = List.of(head(JPEG, 10), head(MIDDLE, 10), head(MIDDLE, 10), head(MIDDLE, 10));
        List<FragmentHead> tooManyStarts = List.of(head(JPEG, 10), head(JPEG, 10), head(JPEG, 10));

        assertThatThrownBy(() -> FrameSplitter.frameStarts(UID.JPEGBaseline8Bit, 3, null, null, noStarts))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("3 frames").hasMessageContaining("4 fragments");
        assertThatThrownBy(() -> FrameSplitter.frameStarts(UID.JPEGBaseline8Bit, 2, null, null, tooManyStarts))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("more than 2");
        assertThatThrownBy(() -> FrameSplitter.frameStarts(UID.RLELossless, 2, null, null, List.of(head(MIDDLE, 4))))
                .isInstanceOf(IllegalStateException.class);
    }

    private static FragmentHead head(byte[] start, int length) {
        return new FragmentHead(length, Arrays.copyOf(start, Math.min(start.length, FrameSplitter.HEAD_BYTES)));
    }

    private static byte[] le32(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    private static byte[] le64(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }
}
