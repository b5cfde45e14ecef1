package org.vesalius.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ElementDictionaryTest {

    private final ElementDictionary dictionary = ElementDictionary.standard();

    @Test
    void standardIsASingleton() {
        assertThat(ElementDictionary.standard()).isSameAs(dictionary);
    }

    @Test
    void patientName() {
        assertThat(Tags.PatientName).isEqualTo(0x00100010);
        assertThat(dictionary.vrOf(Tags.PatientName)).isEqualTo(VR.PN);
        assertThat(dictionary.keywordOf(0x00100010)).isEqualTo("PatientName");
        assertThat(dictionary.nameOf(0x00100010)).isEqualTo("Patient's Name");
        assertThat(dictionary.vmOf(0x00100010)).isEqualTo("1");
        assertThat(dictionary.isRetired(0x00100010)).isFalse();
        assertThat(dictionary.tagOf("PatientName")).isEqualTo(0x00100010);
        assertThat(dictionary.lookup(0x00100010)).contains(
                new ElementEntry(0x00100010, "PatientName", "Patient's Name", List.of(VR.PN), "1", false));
    }

    @Test
    void pixelDataIsOwForImplicitVr() {
        assertThat(dictionary.vrOf(Tags.PixelData)).isEqualTo(VR.OW);
        assertThat(dictionary.lookup(Tag.PIXEL_DATA).orElseThrow().vrs()).containsExactly(VR.OB, VR.OW);
        assertThat(dictionary.keywordOf(0x7FE00010)).isEqualTo("PixelData");
    }

    @Test
    void otherObOrOwElementsAreOw() {
        assertThat(dictionary.vrOf(Tags.WaveformData)).isEqualTo(VR.OW);
        assertThat(dictionary.vrOf(Tags.AirCounts)).isEqualTo(VR.OW);
    }

    @Test
    void multiVrElementsResolveToTheFirstListed() {
        assertThat(dictionary.lookup(Tags.GrayLookupTableData).orElseThrow().vrs())
                .containsExactly(VR.US, VR.SS, VR.OW);
        assertThat(dictionary.vrOf(0x00281200)).isEqualTo(VR.US);
        assertThat(dictionary.vmOf(0x00281200)).isEqualTo("1-n");
        assertThat(dictionary.isRetired(0x00281200)).isTrue();
        assertThat(dictionary.vrOf(Tags.LUTData)).isEqualTo(VR.US);
        assertThat(dictionary.vrOf(Tags.SmallestImagePixelValue)).isEqualTo(VR.US);
    }

    @Test
    void overlayGroupsRepeatInEvenGroupsOnly() {
        assertThat(Tags.OverlayData).isEqualTo(0x60003000);
        assertThat(dictionary.tagOf("OverlayData")).isEqualTo(0x60003000);
        for (int group = 0x6000; group <= 0x601E; group += 2) {
            int tag = group << 16 | 0x3000;
            assertThat(dictionary.vrOf(tag)).as(Tag.toString(tag)).isEqualTo(VR.OW);
            assertThat(dictionary.keywordOf(tag)).isEqualTo("OverlayData");
        }
        assertThat(dictionary.lookup(0x60023000)).contains(
                new ElementEntry(0x60023000, "OverlayData", "Overlay Data", List.of(VR.OB, VR.OW), "1", false));
        assertThat(dictionary.vrOf(0x60020010)).isEqualTo(VR.US);
        assertThat(dictionary.keywordOf(0x60020010)).isEqualTo("OverlayRows");

        // odd groups are private, groups beyond 601E are not overlays
        assertThat(dictionary.vrOf(0x60013000)).isEqualTo(VR.UN);
        assertThat(dictionary.keywordOf(0x60013000)).isEmpty();
        assertThat(dictionary.lookup(0x60013000)).isEmpty();
        assertThat(dictionary.vrOf(0x60203000)).isEqualTo(VR.UN);
    }

    @Test
    void curveAndVariablePixelDataRepeatingGroups() {
        assertThat(dictionary.keywordOf(0x501E3000)).isEqualTo("CurveData");
        assertThat(dictionary.isRetired(0x501E3000)).isTrue();
        assertThat(dictionary.vrOf(0x7F020010)).isEqualTo(VR.OW);
        assertThat(dictionary.keywordOf(0x7F020010)).isEqualTo("VariablePixelData");
        // (7FE0,xxxx) is Pixel Data's group, outside the 7F00-7F1E range
        assertThat(dictionary.keywordOf(0x7FE00010)).isEqualTo("PixelData");
        assertThat(dictionary.keywordOf(0x7FE00011)).isEmpty();
    }

    @Test
    void otherRepeatingPatterns() {
        assertThat(dictionary.keywordOf(0x00203105)).isEqualTo("SourceImageIDs");
        assertThat(dictionary.keywordOf(0x00280410)).isEqualTo("RowsForNthOrderCoefficients");
        assertThat(dictionary.keywordOf(0x10001233)).isEqualTo("HuffmanTableTriplet");
        assertThat(dictionary.keywordOf(0x10101234)).isEqualTo("ZonalMap");
    }

    @Test
    void fixedTagsWinOverRepeatingPatterns() {
        // (0028,0400) is matched by (0028,04x0) too
        assertThat(dictionary.keywordOf(0x00280400)).isEqualTo("TransformLabel");
        assertThat(dictionary.vrOf(0x00280400)).isEqualTo(VR.LO);
        // so the keyword of (0028,04x0) stands for the next tag of the pattern
        assertThat(Tags.RowsForNthOrderCoefficients).isEqualTo(0x00280410);
        assertThat(dictionary.tagOf("RowsForNthOrderCoefficients")).isEqualTo(0x00280410);
        // and neither may stand for a group length
        assertThat(Tags.EscapeTriplet).isEqualTo(0x10000010);
        assertThat(Tags.ZonalMap).isEqualTo(0x10100001);
        assertThat(Tags.VariablePixelData).isEqualTo(0x7F000010);
    }

    @Test
    void groupLengthsAreUl() {
        assertThat(dictionary.vrOf(0x00020000)).isEqualTo(VR.UL);
        assertThat(dictionary.keywordOf(0x00020000)).isEqualTo("FileMetaInformationGroupLength");
        assertThat(dictionary.vrOf(0x00000000)).isEqualTo(VR.UL);
        assertThat(dictionary.vrOf(0x00080000)).isEqualTo(VR.UL);
        assertThat(dictionary.vrOf(0x00090000)).isEqualTo(VR.UL);
        assertThat(dictionary.vrOf(0x00090000, "SIEMENS CSA HEADER")).isEqualTo(VR.UL);
        assertThat(dictionary.nameOf(0x00080000)).isEqualTo("Group Length");
        assertThat(dictionary.keywordOf(0x00080000)).isEmpty();
        assertThat(dictionary.isRetired(0x00080000)).isTrue();
        assertThat(dictionary.lookup(0x00290000).orElseThrow().tag()).isEqualTo(0x00290000);
    }

    @Test
    void privateCreatorsAreLo() {
        assertThat(dictionary.vrOf(0x00090010)).isEqualTo(VR.LO);
        assertThat(dictionary.vrOf(0x002900FF)).isEqualTo(VR.LO);
        assertThat(dictionary.vrOf(0x00290010, "SIEMENS CSA HEADER")).isEqualTo(VR.LO);
        assertThat(dictionary.nameOf(0x00290011)).isEqualTo("Private Creator");
        assertThat(dictionary.lookup(0x00290011).orElseThrow().tag()).isEqualTo(0x00290011);
        // (gggg,0001-000F) is not a creator
        assertThat(dictionary.vrOf(0x00290005)).isEqualTo(VR.UN);
    }

    @Test
    void privateDataElementsNeedTheirCreator() {
        assertThat(dictionary.vrOf(0x00291010)).isEqualTo(VR.UN);
        assertThat(dictionary.vrOf(0x00291010, null)).isEqualTo(VR.UN);
        assertThat(dictionary.lookup(0x00291010)).isEmpty();

        assertThat(dictionary.vrOf(0x00291010, "SIEMENS CSA HEADER")).isEqualTo(VR.OB);
        assertThat(dictionary.vrOf(0x00291008, "SIEMENS CSA HEADER")).isEqualTo(VR.CS);
        // the same element in another block reserved by the same creator
        assertThat(dictionary.vrOf(0x00291110, "SIEMENS CSA HEADER")).isEqualTo(VR.OB);
        assertThat(dictionary.lookup(0x00291110, "SIEMENS CSA HEADER")).contains(
                new ElementEntry(0x00291110, "", "CSA Image Header Info", List.of(VR.OB), "1", false));

        assertThat(dictionary.vrOf(0x00191002, "GEMS_ACQU_01")).isEqualTo(VR.SL);
        assertThat(dictionary.lookup(0x00191002, "GEMS_ACQU_01").orElseThrow().name())
                .isEqualTo("Detector Channel");
    }

    @Test
    void privateCreatorPaddingIsIgnored() {
        assertThat(dictionary.vrOf(0x00191002, "GEMS_ACQU_01 ")).isEqualTo(VR.SL);
        assertThat(dictionary.vrOf(0x00191002, "GEMS_ACQU_01\0")).isEqualTo(VR.SL);
        assertThat(dictionary.vrOf(0x00191002, " GEMS_ACQU_01")).isEqualTo(VR.SL);
    }

    @Test
    void privateLookupMisses() {
        assertThat(dictionary.vrOf(0x00291010, "NO SUCH CREATOR")).isEqualTo(VR.UN);
        assertThat(dictionary.lookup(0x00291010, "NO SUCH CREATOR")).isEmpty();
        assertThat(dictionary.vrOf(0x002910FE, "SIEMENS CSA HEADER")).isEqualTo(VR.UN);
        // matching is case-sensitive: the table has creators differing only in case
        assertThat(dictionary.vrOf(0x00291010, "siemens csa header")).isEqualTo(VR.UN);
    }

    @Test
    void privateExactAndRepeatingGroupPatterns() {
        // (0029,0001) exactly
        assertThat(dictionary.vrOf(0x00290001, "CANON_MEC_MR3")).isEqualTo(VR.SQ);
        // (60xx,xx01): any odd overlay group, any block
        assertThat(dictionary.vrOf(0x60011001, "DLX_LKUP_01")).isEqualTo(VR.LT);
        assertThat(dictionary.vrOf(0x60031101, "DLX_LKUP_01")).isEqualTo(VR.LT);
    }

    @Test
    void creatorIsIgnoredForStandardTags() {
        assertThat(dictionary.vrOf(Tags.PatientName, "SIEMENS CSA HEADER")).isEqualTo(VR.PN);
        assertThat(dictionary.lookup(Tags.PatientName, "SIEMENS CSA HEADER").orElseThrow().keyword())
                .isEqualTo("PatientName");
    }

    @Test
    void itemsAndDelimitersHaveNoVr() {
        for (int tag : new int[] {Tag.ITEM, Tag.ITEM_DELIMITATION, Tag.SEQUENCE_DELIMITATION}) {
            assertThat(dictionary.vrOf(tag)).as(Tag.toString(tag)).isNull();
            assertThat(dictionary.lookup(tag).orElseThrow().vrs()).isEmpty();
        }
        assertThat(dictionary.keywordOf(Tag.ITEM)).isEqualTo("Item");
        assertThat(Tags.SequenceDelimitationItem).isEqualTo(Tag.SEQUENCE_DELIMITATION);
    }

    @Test
    void unknownTags() {
        int unknown = 0x00109999;
        assertThat(dictionary.vrOf(unknown)).isEqualTo(VR.UN);
        assertThat(dictionary.keywordOf(unknown)).isEmpty();
        assertThat(dictionary.nameOf(unknown)).isEmpty();
        assertThat(dictionary.vmOf(unknown)).isEmpty();
        assertThat(dictionary.isRetired(unknown)).isFalse();
        assertThat(dictionary.lookup(unknown)).isEmpty();
        assertThat(dictionary.tagOf("NoSuchKeyword")).isEqualTo(-1);
        assertThat(dictionary.tagOf(null)).isEqualTo(-1);
    }

    @Test
    void retiredFlags() {
        assertThat(dictionary.isRetired(Tags.EthnicGroup)).isTrue(); // retired in 2026a
        assertThat(dictionary.isRetired(Tags.DoseValue)).isFalse(); // un-retired in 2026a
        assertThat(dictionary.isRetired(Tags.CommandLengthToEnd)).isTrue();
        assertThat(dictionary.isRetired(Tags.SOPInstanceUID)).isFalse();
    }

    @Test
    void nonAsciiNamesSurviveLoading() {
        assertThat(dictionary.nameOf(Tags.ExposureInuAs)).isEqualTo("Exposure in \u00B5As");
    }

    @Test
    void keywordsAndTagsMapBothWays() {
        List<ElementEntry> entries = dictionary.standardEntries().toList();
        assertThat(entries).hasSizeGreaterThan(5000);
        for (ElementEntry entry : entries) {
            assertThat(dictionary.tagOf(entry.keyword())).as(entry.keyword()).isEqualTo(entry.tag());
            assertThat(dictionary.keywordOf(entry.tag())).as(entry.toString()).isEqualTo(entry.keyword());
        }
    }

    @Test
    void everyTagsConstantIsInTheDictionary() throws IllegalAccessException {
        int count = 0;
        for (Field field : Tags.class.getFields()) {
            assertThat(Modifier.isStatic(field.getModifiers())).isTrue();
            int tag = field.getInt(null);
            assertThat(dictionary.tagOf(field.getName())).as(field.getName()).isEqualTo(tag);
            count++;
        }
        assertThat(count).isEqualTo(dictionary.standardEntries().count());
    }

    @Test
    void allVrsAppearInTheStandardTable() {
        Set<VR> used = dictionary.standardEntries()
                .flatMap(entry -> entry.vrs().stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(VR.class)));
        assertThat(used).containsExactlyInAnyOrder(VR.values());
    }

    @Test
    void vrOfDoesNotAllocate() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported()
                && threads.isThreadAllocatedMemoryEnabled());
        int[] tags = {Tags.PatientName, Tags.PixelData, 0x60023000, 0x00091010, 0x00090010,
                0x00080000, 0x00109999, Tag.ITEM, 0x10101234};
        int sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += vrOrdinalSum(tags);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            sink += vrOrdinalSum(tags);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(sink).isNotZero();
        // a single boxed value per call would be ~14 MB here; allow the measurement's own noise
        assertThat(allocated).isLessThan(64 * 1024);
    }

    private int vrOrdinalSum(int[] tags) {
        int sum = 0;
        for (int tag : tags) {
            VR vr = dictionary.vrOf(tag);
            sum += vr == null ? 1 : vr.ordinal();
        }
        return sum;
    }

    @Test
    void entryCopiesVrsAndRejectsNulls() {
        List<VR> vrs = new ArrayList<>(List.of(VR.OB, VR.OW));
        ElementEntry entry = new ElementEntry(0x7FE00010, "PixelData", "Pixel Data", vrs, "1", false);
        vrs.clear();
        assertThat(entry.vrs()).containsExactly(VR.OB, VR.OW);
        assertThat(entry).hasToString("(7FE0,0010) OB/OW 1 PixelData");
        assertThatNullPointerException()
                .isThrownBy(() -> new ElementEntry(0, null, "", List.of(), "1", false));
    }
}
