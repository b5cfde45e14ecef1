package org.vesalius.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.UID;
import org.vesalius.testsupport.samples.SharedSamples;

/** Reading what it takes to send a file, on samples with the quirks seen in the wild. */
class Part10HeadTest {

    private static Path sample(String name) {
        return SharedSamples.require(name);
    }

    @Test
    void ordinaryFile() throws Exception {
        Path ct = sample("pydicom/test_files/CT_small.dcm");
        Part10Head head = Part10Head.read(ct);
        assertThat(head.sopClassUid()).isEqualTo(UID.CTImageStorage);
        assertThat(head.transferSyntaxUid()).isEqualTo(UID.ExplicitVRLittleEndian);
        try (InputStream in = head.openDataSet(ct)) {
            assertThat(in.readAllBytes()).isEqualTo(DataSetBytes.of(ct));
        }
    }

    /** The command must name the instance the data set is, as storescu does, not the File Meta's copy. */
    @Test
    void sopInstanceUidComesFromTheDataSet() throws Exception {
        Part10Head head = Part10Head.read(sample("highdicom/sm_image_grayscale.dcm"));
        assertThat(head.sopInstanceUid()).isEqualTo("1.2.826.0.1.3680043.10.511.3.54072187362219860460306199002049368");
    }

    @Test
    void bareDataSetWithoutFileMeta() throws Exception {
        Path rt = sample("pydicom/test_files/rtstruct.dcm");
        Part10Head head = Part10Head.read(rt);
        assertThat(head.dataSetOffset()).isZero();
        assertThat(head.transferSyntaxUid()).isEqualTo(UID.ImplicitVRLittleEndian);
        assertThat(head.sopClassUid()).isEqualTo(UID.RTStructureSetStorage);
    }

    /** PS3.5 A.5: a deflated data set of odd length is sent with one trailing NUL. */
    @Test
    void oddDeflatedDataSetIsPadded() throws Exception {
        Path dfl = sample("pydicom/test_files/image_dfl.dcm");
        Part10Head head = Part10Head.read(dfl);
        assertThat(head.dataSetLength() % 2).isEqualTo(1);
        assertThat(head.needsDeflatePadding()).isTrue();
        try (InputStream in = head.openDataSet(dfl)) {
            byte[] sent = in.readAllBytes();
            assertThat(sent).hasSize((int) head.dataSetLength() + 1);
            assertThat(sent[sent.length - 1]).isZero();
        }
    }
}
