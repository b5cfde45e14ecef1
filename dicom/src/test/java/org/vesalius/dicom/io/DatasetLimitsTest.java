package org.vesalius.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.VR;

/** The reader's element, item and depth limits, and the tree's cost of empty items and sequences. */
class DatasetLimitsTest {

    /** (0008,1115) SQ of undefined length holding {@code items} empty items of defined length 0. */
    static byte[] emptyItems(int items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(items * 8 + 64);
        out.writeBytes(new byte[] {0x08, 0x00, 0x15, 0x11, 'S', 'Q', 0, 0, -1, -1, -1, -1});
        for (int i = 0; i < items; i++) {
            out.writeBytes(new byte[] {-2, -1, 0x00, -32, 0, 0, 0, 0});
        }
        out.writeBytes(new byte[] {-2, -1, -35, -32, 0, 0, 0, 0});
        return out.toByteArray();
    }

    /** {@code count} empty sequences (defined length 0) in private group 0009. */
    static byte[] emptySequences(int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * 12);
        for (int i = 0; i < count; i++) {
            int element = 0x1000 + i;
            out.writeBytes(new byte[] {0x09, 0x00, (byte) element, (byte) (element >> 8), 'S', 'Q', 0, 0, 0, 0, 0, 0});
        }
        return out.toByteArray();
    }

    static Dataset read(byte[] bytes, ReadOptions options) throws Exception {
        try (DicomStreamReader reader = DicomStreamReader.forDataset(new ByteArrayInputStream(bytes),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, options)) {
            return DatasetBuilder.build(reader, new Dataset());
        }
    }

    @Test
    void itemsUpToTheLimitAreRead() throws Exception {
        Dataset ds = read(emptyItems(1000), ReadOptions.DEFAULT.withMaxCounts(10, 1000));
        assertThat(ds.getSequence(0x00081115)).hasSize(1000);
    }

    @Test
    void oneItemMoreIsRefusedWithATypedException() {
        assertThatThrownBy(() -> read(emptyItems(1001), ReadOptions.DEFAULT.withMaxCounts(10, 1000)))
                .isInstanceOfSatisfying(DatasetLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo(DatasetLimitException.Limit.ITEMS);
                    assertThat(e.maximum()).isEqualTo(1000);
                    assertThat(e.offset()).isEqualTo(12 + 1000 * 8);
                })
                .isInstanceOf(MalformedDicomException.class)
                .hasMessageContaining("more than 1000 sequence items");
    }

    @Test
    void elementsAreCountedAtEveryDepth() throws Exception {
        assertThat(read(emptySequences(500), ReadOptions.DEFAULT.withMaxCounts(500, 0)).size()).isEqualTo(500);
        assertThatThrownBy(() -> read(emptySequences(501), ReadOptions.DEFAULT.withMaxCounts(500, 0)))
                .isInstanceOfSatisfying(DatasetLimitException.class,
                        e -> assertThat(e.limit()).isEqualTo(DatasetLimitException.Limit.ELEMENTS))
                .hasMessageContaining("more than 500 elements");

        Dataset nested = new Dataset();
        Sequence seq = nested.newSequence(0x00081115, 1);
        for (int i = 0; i < 3; i++) {
            seq.addItem().setString(0x00081150, VR.UI, "1.2.3").setString(0x00081155, VR.UI, "1.2.3." + i);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(nested, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, out, EncodingOptions.DEFAULT);
        byte[] bytes = out.toByteArray();
        // One sequence and six elements in its items: seven.
        assertThat(read(bytes, ReadOptions.DEFAULT.withMaxCounts(7, 3)).getSequence(0x00081115)).hasSize(3);
        assertThatThrownBy(() -> read(bytes, ReadOptions.DEFAULT.withMaxCounts(6, 3)))
                .isInstanceOf(DatasetLimitException.class);
        assertThatThrownBy(() -> read(bytes, ReadOptions.DEFAULT.withMaxCounts(7, 2)))
                .isInstanceOf(DatasetLimitException.class);
    }

    @Test
    void nestingBeyondTheDepthIsADatasetLimit() {
        Dataset root = new Dataset();
        Dataset current = root;
        for (int i = 0; i < 10; i++) {
            current = current.newSequence(0x00081115, 1).addItem();
        }
        assertThatThrownBy(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            DicomWriter.writeDataset(root, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, out, EncodingOptions.DEFAULT);
            read(out.toByteArray(), ReadOptions.DEFAULT.withMaxDepth(5));
        }).isInstanceOfSatisfying(DatasetLimitException.class,
                e -> assertThat(e.limit()).isEqualTo(DatasetLimitException.Limit.DEPTH));
    }

    @Test
    void theReaderCountsWhatItRead() throws Exception {
        try (DicomStreamReader reader = DicomStreamReader.forDataset(new ByteArrayInputStream(emptyItems(42)),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT)) {
            DatasetBuilder.build(reader, new Dataset());
            assertThat(reader.elementCount()).isEqualTo(1);
            assertThat(reader.itemCount()).isEqualTo(42);
        }
    }

    @Test
    void emptyItemsAndSequencesStayEmptyAndWritable() throws Exception {
        Dataset ds = read(emptyItems(3), ReadOptions.DEFAULT);
        Sequence seq = ds.getSequence(0x00081115);
        assertThat(seq).hasSize(3).allSatisfy(item -> assertThat(item.isEmpty()).isTrue());
        seq.get(1).setString(0x00081150, VR.UI, "1.2.3");
        assertThat(seq.get(1).getString(0x00081150)).isEqualTo("1.2.3");
        Sequence none = new Sequence(0);
        assertThat(none).isEmpty();
        assertThat(none).isEqualTo(new Sequence(8));
        assertThatThrownBy(() -> none.get(0)).isInstanceOf(IndexOutOfBoundsException.class);
        ds.freeze();
        assertThat(read(emptySequences(2), ReadOptions.DEFAULT).getSequence(0x00091000)).isEmpty();
    }
}
