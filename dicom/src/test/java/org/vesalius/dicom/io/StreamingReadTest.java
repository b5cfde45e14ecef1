package org.vesalius.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.LittleEndian;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/** The streaming side of the reader: stopping before an element, bulk data, hostile nesting. */
class StreamingReadTest {

    @TempDir
    Path tmp;

    static Dataset image(int pixelBytes) {
        Dataset ds = new Dataset();
        ds.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(0x00080018, VR.UI, "1.2.3.4.5");
        ds.setString(0x00100010, VR.PN, "Doe^Jane");
        ds.setInt(0x00280010, VR.US, 16);
        ds.setInt(0x00280011, VR.US, pixelBytes / 32);
        byte[] pixels = new byte[pixelBytes];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        ds.setBytes(Tag.PIXEL_DATA, VR.OW, pixels);
        return ds;
    }

    static byte[] encode(Dataset ds, TransferSyntax syntax) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeFile(DicomFile.of(ds, syntax), out, EncodingOptions.DEFAULT);
        return out.toByteArray();
    }

    @Test
    void stopsBeforePixelDataAndHandsOverTheRest() throws Exception {
        byte[] file = encode(image(4096), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        try (DicomStreamReader reader = DicomStreamReader.open(new ByteArrayInputStream(file),
                ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA))) {
            Dataset header = DatasetBuilder.build(reader, new Dataset());
            assertThat(reader.token()).isEqualTo(DicomStreamReader.Token.STOPPED);
            assertThat(header.contains(Tag.PIXEL_DATA)).isFalse();
            assertThat(header.getString(0x00100010)).isEqualTo("Doe^Jane");
            long at = reader.position();
            byte[] rest = reader.remainingInput().readAllBytes();
            assertThat(rest).hasSize(file.length - (int) at);
            assertThat(LittleEndian.tag(rest, 0)).isEqualTo(Tag.PIXEL_DATA);
            assertThat(Arrays.copyOfRange(file, (int) at, file.length)).isEqualTo(rest);
        }
    }

    @Test
    void recordsBulkDataLocationsThatResolveToTheBytes() throws Exception {
        Dataset ds = image(10_000);
        Path path = tmp.resolve("image.dcm");
        Files.write(path, encode(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));
        String uri = path.toUri().toString();
        DicomFile read = DicomReader.read(path, ReadOptions.DEFAULT
                .withBulkData(BulkDataDescriptor.STANDARD, BulkDataHandler.locationIn(uri)));
        BulkDataRef ref = (BulkDataRef) read.dataset().getValue(Tag.PIXEL_DATA);
        assertThat(ref.uri()).isEqualTo(uri);
        assertThat(ref.length()).isEqualTo(10_000);
        try (InputStream in = BulkDataResolver.FILES.open(ref)) {
            assertThat(in.readAllBytes()).isEqualTo(ds.getBytes(Tag.PIXEL_DATA));
        }
        // And a writer resolves the reference back into the same file.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeFile(read, out, EncodingOptions.PRESERVE.withBulkData(BulkDataResolver.FILES));
        assertThat(out.toByteArray()).isEqualTo(Files.readAllBytes(path));
    }

    @Test
    void aBulkValueCutShortIsRecordedAsPresentOnlyWhenLeftInTheFile() throws Exception {
        byte[] whole = encode(image(10_000), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        Path path = tmp.resolve("truncated.dcm");
        Files.write(path, Arrays.copyOf(whole, whole.length - 1000));
        DicomFile read = DicomReader.read(path, ReadOptions.DEFAULT
                .withBulkData(BulkDataDescriptor.STANDARD, BulkDataHandler.locationIn(path.toUri().toString())));
        BulkDataRef ref = (BulkDataRef) read.dataset().getValue(Tag.PIXEL_DATA);
        assertThat(ref.length()).isEqualTo(9_000);
        assertThat(read.irregularities()).singleElement().asString().contains("declares 10000 bytes");
        // Loaded into memory, a truncated value is never accepted.
        assertThatThrownBy(() -> DicomReader.read(path)).isInstanceOf(TruncatedDicomException.class);
        assertThatThrownBy(() -> DicomReader.read(path, ReadOptions.DEFAULT.withBulkData(BulkDataDescriptor.STANDARD,
                BulkDataHandler.copyTo(java.io.OutputStream.nullOutputStream())))).isInstanceOf(TruncatedDicomException.class);
    }

    @Test
    void inputEndingOnABoundaryInsideASequenceClosesItAsIrregular() throws Exception {
        Dataset ds = new Dataset();
        ds.setString(0x00080018, VR.UI, "1.2.3");
        ds.newSequence(0x00081115, 1).addItem().setString(0x0020000E, VR.UI, "1.2.3.4");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, out, EncodingOptions.DEFAULT);
        byte[] full = out.toByteArray();
        byte[] noDelimiters = Arrays.copyOf(full, full.length - 16); // drop item and sequence delimiters
        DicomStreamReader reader = DicomStreamReader.forDataset(new ByteArrayInputStream(noDelimiters),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT);
        Dataset back = DatasetBuilder.build(reader, new Dataset());
        assertThat(back.getSequence(0x00081115).get(0).getString(0x0020000E)).isEqualTo("1.2.3.4");
        assertThat(reader.irregularities()).isNotEmpty();
        // Cut inside a value instead: still a truncation.
        byte[] midValue = Arrays.copyOf(full, full.length - 19);
        assertThatThrownBy(() -> DicomReader.readDataset(new ByteArrayInputStream(midValue),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT)).isInstanceOf(TruncatedDicomException.class);
    }

    @Test
    void bulkDataInsideADeflatedDatasetIsReadInline() throws Exception {
        byte[] file = encode(image(2000), TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);
        DicomFile read = DicomReader.read(new ByteArrayInputStream(file), ReadOptions.DEFAULT
                .withBulkData(BulkDataDescriptor.STANDARD, BulkDataHandler.locationIn("file:///x")));
        assertThat(read.dataset().getBytes(Tag.PIXEL_DATA)).hasSize(2000);
    }

    @Test
    void streamsBulkDataToASink() throws Exception {
        Dataset ds = image(3000);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        DicomFile read = DicomReader.read(new ByteArrayInputStream(encode(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN)),
                ReadOptions.DEFAULT.withBulkData(BulkDataDescriptor.STANDARD, BulkDataHandler.copyTo(sink)));
        assertThat(sink.toByteArray()).isEqualTo(ds.getBytes(Tag.PIXEL_DATA));
        assertThat(read.dataset().contains(Tag.PIXEL_DATA)).isTrue();
        assertThat(read.dataset().getValue(Tag.PIXEL_DATA)).isNull();
    }

    @Test
    void encapsulatedFragmentsPassThrough() throws Exception {
        Dataset ds = image(0);
        Fragments fragments = new Fragments().add(new byte[0]).add(new byte[] {1, 2, 3, 4}).add(new byte[] {5, 6, 7});
        ds.set(Tag.PIXEL_DATA, VR.OB, fragments);
        TransferSyntax jpeg = TransferSyntax.of("1.2.840.10008.1.2.4.50");
        DicomFile read = DicomReader.read(new ByteArrayInputStream(encode(ds, jpeg)), ReadOptions.DEFAULT);
        Fragments back = read.dataset().getFragments(Tag.PIXEL_DATA);
        assertThat(back.size()).isEqualTo(3);
        assertThat((byte[]) back.get(1)).containsExactly(1, 2, 3, 4);
        // Odd fragments are padded by the normalizing writer.
        assertThat((byte[]) back.get(2)).containsExactly(5, 6, 7, 0);
    }

    @Test
    void refusesNestingDeeperThanTheLimit() throws Exception {
        Dataset root = new Dataset();
        Dataset current = root;
        for (int i = 0; i < 80; i++) {
            current = current.newSequence(0x00081115, 1).addItem();
        }
        current.setString(0x00080018, VR.UI, "1.2.3");
        byte[] file = encode(root, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream(file), ReadOptions.DEFAULT))
                .isInstanceOf(MalformedDicomException.class)
                .hasMessageContaining("nested deeper than 64");
        assertThat(DicomReader.read(new ByteArrayInputStream(file), ReadOptions.DEFAULT.withMaxDepth(100))
                .dataset().size()).isEqualTo(1);
    }

    @Test
    void refusesInputThatIsNotDicom() {
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream("Hello, world! Not an image.".getBytes()), ReadOptions.DEFAULT))
                .isInstanceOf(MalformedDicomException.class)
                .hasMessageContaining("not DICOM");
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream(new byte[0]), ReadOptions.DEFAULT))
                .isInstanceOf(MalformedDicomException.class);
    }

    @Test
    void reportsWhereATruncationHappened() throws Exception {
        byte[] file = encode(image(4096), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        byte[] cut = Arrays.copyOf(file, file.length - 100);
        assertThatThrownBy(() -> DicomReader.read(new ByteArrayInputStream(cut), ReadOptions.DEFAULT))
                .isInstanceOfSatisfying(TruncatedDicomException.class, e -> {
                    assertThat(e.tag()).isEqualTo(Tag.PIXEL_DATA);
                    assertThat(e.getMessage()).contains("(7FE0,0010)").contains("100 more byte(s)");
                });
    }

    @Test
    void oddLengthStrategies() throws Exception {
        Dataset ds = new Dataset();
        ds.set(0x00100020, VR.LO, "ABC".getBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DicomWriter.writeDataset(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, out, EncodingOptions.PRESERVE);
        byte[] odd = out.toByteArray();
        assertThat(odd).hasSize(8 + 3);
        Dataset accepted = DicomReader.readDataset(new ByteArrayInputStream(odd), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULT);
        assertThat(accepted.getString(0x00100020)).isEqualTo("ABC");
        assertThatThrownBy(() -> DicomReader.readDataset(new ByteArrayInputStream(odd), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                ReadOptions.DEFAULT.withOddLength(OddLengthStrategy.FAIL)))
                .isInstanceOf(MalformedDicomException.class).hasMessageContaining("odd value length 3");
    }
}
