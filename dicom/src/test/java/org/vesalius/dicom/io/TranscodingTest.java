package org.vesalius.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.testdata.DatasetAssert;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.testsupport.samples.SharedSamples.Sample;

/**
 * Rewriting a data set in another native transfer syntax and reading it back gives the same data
 * set: implicit and explicit VR, little and big endian (binary values swapped by their word
 * size), deflated.
 */
class TranscodingTest {

    static final TransferSyntax[] NATIVE = {
        TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
        TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN};

    static Stream<Arguments> syntaxes() {
        return Stream.of(NATIVE).map(Arguments::of);
    }

    static Dataset everyBinaryVr() {
        Dataset ds = new Dataset();
        ds.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(0x00080018, VR.UI, "1.2.3.4.5.6");
        ds.setInt(0x00280010, VR.US, 2);
        ds.setInt(0x00186020, VR.SL, -5, 7);
        ds.setInt(0x00189219, VR.SS, -2);
        ds.setInt(0x00081160, VR.IS, 1, 2, 3);
        ds.setDouble(0x00189087, VR.FD, 1.5e3);
        ds.setDouble(0x00109431, VR.FL, 2.25); // ExaminedBodyThickness
        ds.setDouble(0x00280030, VR.DS, 0.5, 0.25);
        ds.setInt(0x00209165, VR.AT, 0x00100010, 0x7FE00010);
        Sequence seq = ds.newSequence(0x00081115, 2);
        seq.addItem().setString(0x0020000E, VR.UI, "1.2.3.4");
        seq.addItem().setInt(0x00280011, VR.US, 513);
        ds.setBytes(Tag.PIXEL_DATA, VR.OW, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        return ds;
    }

    @ParameterizedTest(name = "to {0}")
    @MethodSource("syntaxes")
    void everyNativeSyntaxRoundTrips(TransferSyntax syntax) throws Exception {
        Dataset ds = everyBinaryVr();
        Dataset back = rewrite(ds, syntax);
        assertThat(DatasetAssert.differences(ds, back)).isEmpty();
        assertThat(back.getLong(0x00186020, 0)).hasValue(-5);
        assertThat(back.getLong(0x00209165, 1)).hasValue(0x7FE00010L);
        assertThat(back.getDouble(0x00189087, 0)).hasValue(1.5e3);
    }

    static Stream<Arguments> uncompressedSamplesAndSyntaxes() {
        return SharedSamples.all().stream()
                .filter(s -> !s.malformed() && isNative(s.transferSyntaxUid()))
                .flatMap(s -> Stream.of(NATIVE).map(ts -> Arguments.of(s, ts)))
                .limit(400);
    }

    @ParameterizedTest(name = "{0} to {1}")
    @MethodSource("uncompressedSamplesAndSyntaxes")
    void samplesSurviveTranscoding(Sample sample, TransferSyntax syntax) throws Exception {
        DicomFile file;
        try {
            file = DicomReader.read(sample.path());
        } catch (MalformedDicomException e) {
            org.junit.jupiter.api.Assumptions.abort("unreadable: " + e.getMessage());
            return;
        }
        Dataset back = rewrite(file.dataset(), syntax);
        java.util.List<String> differences = DatasetAssert.differences(file.dataset(), back);
        if (!syntax.explicitVR()) {
            // Implicit VR carries no VR: private elements take the private dictionary's (or UN).
            differences.removeIf(d -> d.matches("\\(\\p{XDigit}{3}[13579BDF],.*VR .*"));
        }
        assertThat(differences).isEmpty();
    }

    private static boolean isNative(String uid) {
        return uid.equals("1.2.840.10008.1.2") || uid.equals("1.2.840.10008.1.2.1") || uid.equals("1.2.840.10008.1.2.2");
    }

    private static Dataset rewrite(Dataset ds, TransferSyntax syntax) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeFile(DicomFile.of(ds, syntax), out, EncodingOptions.DEFAULT);
        DicomFile back = DicomReader.read(new ByteArrayInputStream(out.toByteArray()), ReadOptions.DEFAULT);
        assertThat(back.transferSyntax().uid()).isEqualTo(syntax.uid());
        return back.dataset();
    }
}
