package org.vesalius.vna.archive.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.MalformedDicomException;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestResult.InvalidObject;
import org.vesalius.vna.archive.api.ingest.IngestResult.Stored;
import org.vesalius.vna.archive.api.ingest.IngestSource;

/**
 * Every file of {@code ../shared/dicom-samples} (found through the {@code vna.shared} system
 * property; skipped without it) through both framings: as a Part 10 file (STOW-RS) and, when it
 * has a File Meta, as the bare data set a C-STORE carries. Each is stored byte for byte or refused
 * with a typed reason, leaving nothing behind; and the verdict agrees with a full parse by the
 * toolkit's reader (a file it cannot read to the end is never archived).
 */
class IngestSamplesTest {

    @TempDir
    Path dir;

    static Stream<Path> samples() {
        return SharedSamples.fileArguments();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void part10IsStoredByteForByteOrRefusedWithAReason(Path sample) throws IOException {
        SharedSamples.require(sample);
        byte[] bytes = Files.readAllBytes(sample);
        boolean readable = fullyReadable(sample);
        try (IngestFixture f = new IngestFixture(dir.resolve("store"))) {
            IngestResult result = f.part10(bytes);

            assertThat(result).isInstanceOfAny(Stored.class, InvalidObject.class);
            if (result instanceof Stored stored) {
                assertThat(readable).as(sample + " stored, yet the reader cannot read it to the end").isTrue();
                assertThat(f.read(BlobKey.of(stored.instance().blob().key()))).isEqualTo(bytes);
                assertThat(f.keys()).containsExactly(BlobKey.of(stored.instance().blob().key()));
                assertThat(f.index.documents).containsKey(stored.instance().ref().sopInstanceUid());
            } else {
                InvalidObject invalid = (InvalidObject) result;
                assertThat(invalid.reason()).isNotBlank();
                if (readable && regular(sample)) {
                    assertThat(invalid.problem()).as(sample + ": " + invalid.reason()).isIn(IngestResult.Problem.NOT_PART10,
                            IngestResult.Problem.MISSING_ATTRIBUTE, IngestResult.Problem.INVALID_ATTRIBUTE);
                }
                f.assertNothingBehind();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void theDataSetOfACStoreIsStoredBehindAFileMeta(Path sample) throws IOException {
        SharedSamples.require(sample);
        byte[] bytes = Files.readAllBytes(sample);
        Dataset meta;
        long dataSetStart;
        try (DicomStreamReader reader = DicomStreamReader.open(new ByteArrayInputStream(bytes), ReadOptions.DEFAULT)) {
            meta = reader.fileMeta();
            dataSetStart = reader.position();
            assumeTrue(meta != null && !reader.transferSyntax().deflated(), "no File Meta, or deflated (position is inflated)");
        } catch (MalformedDicomException e) {
            // Nothing to frame as a C-STORE: the whole-file path (the other test) covers this sample.
            org.junit.jupiter.api.Assumptions.abort("the File Meta itself is unreadable: " + e.getMessage());
            return;
        }
        String ts = meta.getString(Tag.TRANSFER_SYNTAX_UID, "");
        String cuid = meta.getString(0x00020002, "");
        String iuid = meta.getString(0x00020003, "");
        assumeTrue(!ts.isEmpty() && !cuid.isEmpty() && !iuid.isEmpty(), "File Meta without the command's values");
        byte[] dataSet = Arrays.copyOfRange(bytes, (int) dataSetStart, bytes.length);
        try (IngestFixture f = new IngestFixture(dir.resolve("store"))) {
            IngestResult result = f.service.ingest(IngestRequest.dataSet(IngestSource.dimse("SAMPLES"),
                    new ByteArrayInputStream(dataSet), ts, cuid, iuid));

            assertThat(result).isInstanceOfAny(Stored.class, InvalidObject.class);
            if (result instanceof Stored stored) {
                byte[] blob = f.read(BlobKey.of(stored.instance().blob().key()));
                assertThat(Arrays.copyOfRange(blob, blob.length - dataSet.length, blob.length)).isEqualTo(dataSet);
                try (InputStream in = new ByteArrayInputStream(blob);
                        DicomStreamReader reader = DicomStreamReader.open(in, ReadOptions.DEFAULT)) {
                    assertThat(reader.position()).isEqualTo(blob.length - dataSet.length);
                }
            } else {
                f.assertNothingBehind();
            }
        }
    }

    /**
     * Whether the reader found nothing irregular. It reads some broken files to the end anyway (an
     * encapsulated value whose delimiter the end of the file cut off is closed, as dcmtk does):
     * ingest refuses those as truncated rather than archive an object that may be incomplete.
     */
    private static boolean regular(Path file) throws IOException {
        return DicomReader.read(file).irregularities().isEmpty();
    }

    /** Whether the toolkit reads the whole file without a MalformedDicomException. */
    private static boolean fullyReadable(Path file) throws IOException {
        try {
            DicomReader.read(file);
            return true;
        } catch (MalformedDicomException e) {
            return false;
        }
    }
}
