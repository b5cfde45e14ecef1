package org.vesalius.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

class UidRegistryTest {

    private final UidRegistry registry = UidRegistry.standard();

    @Test
    void standardIsASingleton() {
        assertThat(UidRegistry.standard()).isSameAs(registry);
    }

    @Test
    void implicitVrLittleEndian() {
        assertThat(UID.ImplicitVRLittleEndian).isEqualTo("1.2.840.10008.1.2");
        assertThat(registry.lookup(UID.ImplicitVRLittleEndian)).contains(new UidEntry(
                "1.2.840.10008.1.2", "Implicit VR Little Endian", "ImplicitVRLittleEndian",
                "Transfer Syntax", "Default Transfer Syntax for DICOM", false));
        assertThat(registry.nameOf("1.2.840.10008.1.2")).isEqualTo("Implicit VR Little Endian");
        assertThat(registry.keywordOf("1.2.840.10008.1.2")).isEqualTo("ImplicitVRLittleEndian");
        assertThat(registry.isTransferSyntax("1.2.840.10008.1.2")).isTrue();
    }

    @Test
    void sixtyThreeTransferSyntaxes() {
        assertThat(registry.transferSyntaxes()).hasSize(63)
                .allSatisfy(entry -> assertThat(entry.type()).isEqualTo(UidEntry.TRANSFER_SYNTAX))
                .extracting(UidEntry::uid)
                .contains(UID.ExplicitVRLittleEndian, UID.DeflatedExplicitVRLittleEndian,
                        UID.JPEGBaseline8Bit, UID.JPEGLSLossless, UID.JPEG2000Lossless,
                        UID.RLELossless, UID.DeflatedImageFrameCompression, UID.JPEGXL,
                        UID.HTJ2KLossless, UID.SMPTEST211030PCMDigitalAudio);
        assertThat(registry.transferSyntaxes().get(0).uid()).isEqualTo(UID.ImplicitVRLittleEndian);
    }

    @Test
    void transferSyntaxNamesAndRetirement() {
        assertThat(registry.nameOf(UID.ExplicitVRBigEndian)).isEqualTo("Explicit VR Big Endian");
        assertThat(registry.lookup(UID.ExplicitVRBigEndian).orElseThrow().retired()).isTrue();
        assertThat(registry.nameOf("1.2.840.10008.1.2.4.50")).isEqualTo("JPEG Baseline (Process 1)");
        assertThat(registry.nameOf(UID.DeflatedImageFrameCompression))
                .isEqualTo("Deflated Image Frame Compression");
        assertThat(registry.nameOf("1.2.840.10008.1.2.4.110")).isEqualTo("JPEG XL Lossless");
        assertThat(registry.nameOf("1.2.840.10008.1.2.4.203"))
                .isEqualTo("High-Throughput JPEG 2000 Image Compression");
    }

    @Test
    void sopClasses() {
        assertThat(registry.nameOf(UID.CTImageStorage)).isEqualTo("CT Image Storage");
        assertThat(registry.lookup(UID.CTImageStorage).orElseThrow().type()).isEqualTo("SOP Class");
        assertThat(registry.isTransferSyntax(UID.CTImageStorage)).isFalse();
        assertThat(registry.keywordOf(UID.Verification)).isEqualTo("Verification");
    }

    @Test
    void paddingIsIgnored() {
        assertThat(registry.isTransferSyntax("1.2.840.10008.1.2.1\0")).isTrue();
        assertThat(registry.nameOf("1.2.840.10008.1.2.1 ")).isEqualTo("Explicit VR Little Endian");
    }

    @Test
    void unknownUids() {
        assertThat(registry.lookup("1.2.3.4")).isEmpty();
        assertThat(registry.nameOf("1.2.3.4")).isEqualTo("1.2.3.4");
        assertThat(registry.keywordOf("1.2.3.4")).isEmpty();
        assertThat(registry.isTransferSyntax("1.2.3.4")).isFalse();
        assertThat(registry.lookup(null)).isEmpty();
        assertThat(registry.isTransferSyntax(null)).isFalse();
    }

    @Test
    void uidsWithoutKeywordAreRegisteredButHaveNoConstant() {
        UidEntry entry = registry.lookup("1.2.840.10008.5.1.4.1.1.40").orElseThrow();
        assertThat(entry.keyword()).isEmpty();
        assertThat(entry.retired()).isTrue();
    }

    @Test
    void everyUidConstantIsRegisteredUnderItsKeyword() throws IllegalAccessException {
        Field[] fields = UID.class.getFields();
        for (Field field : fields) {
            String uid = (String) field.get(null);
            assertThat(registry.keywordOf(uid)).as(uid).isEqualTo(field.getName());
        }
        long withKeyword = registry.entries().stream().filter(e -> !e.keyword().isEmpty()).count();
        assertThat(fields).hasSize((int) withKeyword);
        assertThat(registry.entries()).hasSize(493);
    }
}
