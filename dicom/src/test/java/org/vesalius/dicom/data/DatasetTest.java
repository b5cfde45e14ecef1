package org.vesalius.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class DatasetTest {

    @Test
    void keepsElementsSortedWhateverTheInsertionOrder() {
        Dataset ds = new Dataset(2);
        ds.setString(0x00100020, VR.LO, "ID");
        ds.setString(0x00080018, VR.UI, "1.2");
        ds.setString(0x7FE00010 - 1, VR.LO, "x");
        ds.setString(0x00100010, VR.PN, "Doe^John");
        assertThat(ds.size()).isEqualTo(4);
        for (int i = 1; i < ds.size(); i++) {
            assertThat(Integer.compareUnsigned(ds.tagAt(i - 1), ds.tagAt(i))).isNegative();
        }
        assertThat(ds.remove(0x00100020)).isTrue();
        assertThat(ds.contains(0x00100020)).isFalse();
        assertThat(ds.getString(0x00100010)).isEqualTo("Doe^John");
    }

    @Test
    void splitsAndTrimsTextValuesPerVr() {
        Dataset ds = new Dataset();
        ds.set(0x00080008, VR.CS, "ORIGINAL\\PRIMARY\\AXIAL ".getBytes());
        ds.set(0x00080018, VR.UI, "1.2.3\0".getBytes());
        ds.set(0x00204000, VR.LT, "  line one\\still one  ".getBytes());
        assertThat(ds.getStrings(0x00080008)).containsExactly("ORIGINAL", "PRIMARY", "AXIAL");
        assertThat(ds.getString(0x00080018)).isEqualTo("1.2.3");
        assertThat(ds.getStrings(0x00204000)).containsExactly("  line one\\still one");
        assertThat(ds.valueCount(0x00080008)).isEqualTo(3);
    }

    @Test
    void decodesWithTheInheritedCharacterSet() {
        Dataset ds = new Dataset();
        ds.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        Dataset item = ds.newSequence(0x00081115, 1).addItem();
        item.setString(0x00100010, VR.PN, "Müller^Jürgen");
        assertThat(item.specificCharacterSet().definedTerms()).contains("ISO_IR 192");
        assertThat(item.getBytes(0x00100010)).hasSize("Müller^Jürgen".getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1);
        assertThat(item.getPersonName(0x00100010).alphabetic().familyName()).isEqualTo("Müller");
    }

    @Test
    void readsNumbersOfEveryBinaryVr() {
        Dataset ds = new Dataset();
        ds.setInt(0x00280010, VR.US, 65535);
        ds.setInt(0x00189219, VR.SS, -1);
        ds.setInt(0x00186020, VR.SL, Integer.MIN_VALUE);
        ds.setInt(0x00081161, VR.UL, 0xFFFFFFFFL);
        ds.setInt(0x0020000E + 0x100, VR.UV, Long.MAX_VALUE);
        ds.setDouble(0x00189087, VR.FD, 3.5);
        ds.setDouble(0x00280030, VR.DS, 0.25, 1e-7);
        ds.setInt(0x00200013, VR.IS, 42);
        assertThat(ds.getInt(0x00280010, 0)).isEqualTo(65535);
        assertThat(ds.getInt(0x00189219, 0)).isEqualTo(-1);
        assertThat(ds.getLong(0x00186020, 0)).hasValue(Integer.MIN_VALUE);
        assertThat(ds.getLong(0x00081161, 0)).hasValue(0xFFFFFFFFL);
        assertThat(ds.getLong(0x0020000E + 0x100, 0)).hasValue(Long.MAX_VALUE);
        assertThat(ds.getDouble(0x00189087, 0)).hasValue(3.5);
        assertThat(ds.getDouble(0x00280030, 1)).hasValue(1e-7);
        assertThat(ds.getInt(0x00200013, -1)).isEqualTo(42);
        assertThat(ds.getStrings(0x00189219)).containsExactly("-1");
    }

    @Test
    void readsDatesAndTimes() {
        Dataset ds = new Dataset();
        ds.setString(0x00080020, VR.DA, "20240229");
        ds.setString(0x00080030, VR.TM, "235959.123");
        ds.setString(0x00080021, VR.DA, "not a date");
        assertThat(ds.getDate(0x00080020)).hasValue(LocalDate.of(2024, 2, 29));
        assertThat(ds.getTime(0x00080030)).hasValue(LocalTime.of(23, 59, 59, 123_000_000));
        assertThat(ds.getDate(0x00080021)).isEmpty();
    }

    @Test
    void resolvesPrivateTagsThroughTheirCreator() {
        Dataset ds = new Dataset();
        int tag = ds.reservePrivateTag("ACME 1.0", 0x0009, 0x01);
        assertThat(tag).isEqualTo(0x00091001);
        ds.setString(tag, VR.LO, "value");
        int other = ds.reservePrivateTag("OTHER", 0x0009, 0x01);
        assertThat(other).isEqualTo(0x00091101);
        assertThat(ds.privateTag("ACME 1.0", 0x0009, 0x01)).isEqualTo(0x00091001);
        assertThat(ds.privateCreatorOf(0x00091001)).isEqualTo("ACME 1.0");
        assertThat(ds.privateTag("NOBODY", 0x0009, 0x01)).isEqualTo(-1);
    }

    @Test
    void frozenDatasetsRefuseChanges() {
        Dataset ds = new Dataset();
        ds.newSequence(0x00081115, 1).addItem().setString(0x00080018, VR.UI, "1");
        ds.freeze();
        assertThatThrownBy(() -> ds.setString(0x00100010, VR.PN, "x")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ds.getSequence(0x00081115).get(0).remove(0x00080018))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ds.getSequence(0x00081115).addItem()).isInstanceOf(UnsupportedOperationException.class);
    }
}
