package org.vesalius.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.VR;

/** Bulk values inside a deflated data set are handed over whole, whatever size the handler reads in. */
class BulkDataInDeflatedTest {

    @Test
    void locationHandlerKeepsTheWholeValueWhenOffsetsAreNotInTheFile() throws Exception {
        byte[] pixels = new byte[100_000];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31);
        }
        Dataset dataset = new Dataset();
        dataset.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        dataset.setString(0x00080018, VR.UI, "1.2.3");
        dataset.setBytes(0x7FE00010, VR.OB, pixels);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeFile(DicomFile.of(dataset, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN), out, EncodingOptions.DEFAULT);

        ReadOptions options = ReadOptions.DEFAULT.withBulkData(BulkDataDescriptor.STANDARD, BulkDataHandler.locationIn("file:///x"));
        DicomFile read = DicomReader.read(new ByteArrayInputStream(out.toByteArray()), options);

        byte[] value = read.dataset().getBytes(0x7FE00010);
        assertThat(value).hasSize(pixels.length);
        assertThat(java.util.Arrays.equals(value, pixels)).isTrue();
    }
}
