package org.vesalius.vna.archive.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.ingest.CoercionRecords;
import org.vesalius.vna.archive.ingest.IngestFixture;
import org.vesalius.vna.archive.ingest.InstanceLoader;
import org.vesalius.vna.archive.journal.Journal;

/**
 * Every file of {@code ../shared/dicom-samples} that ingest stores: retrieved as stored it is the
 * stored object bit for bit; after a patient update in the journal (a name that needs UTF-8, a
 * birth date, a sex) it is the same object with those attributes changed, the change recorded in
 * the Original Attributes Sequence, every other attribute equal and the bytes from Pixel Data on
 * identical. The index side ({@link InstanceLoader}) sees the same values.
 */
class RetrieveServiceSamplesTest {

    static final String NEW_NAME = "Müller^Jürgen";

    @TempDir
    Path dir;

    static Stream<Path> samples() {
        return Samples.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void asStoredIsTheStoredObjectBitForBit(Path sample) throws IOException {
        Samples.require(sample);
        byte[] bytes = Files.readAllBytes(sample);
        try (IngestFixture f = new IngestFixture(dir.resolve("store"))) {
            IngestResult result = f.service.ingest(IngestRequest.part10(IngestSource.stow("t"), new ByteArrayInputStream(bytes), null));
            assumeTrue(result instanceof IngestResult.Stored, "not archived: " + result);
            ArchivedInstance stored = ((IngestResult.Stored) result).instance();
            RetrieveService retrieve = new RetrieveService(f.blobs, new Journal(f.blobs, Clock.systemUTC()), RetrieveSettings.DEFAULT);

            RetrievableInstance served = retrieve.instance(stored.ref());

            assertThat(served.changed()).isFalse();
            assertThat(read(served.openPart10())).isEqualTo(bytes);
            assertThat(served.part10Length()).isEqualTo(bytes.length);
            assertThat(served.transferSyntaxUid()).isEqualTo(stored.transferSyntaxUid());
            assertThat(served.sopClassUid()).isEqualTo(stored.sopClassUid());
            byte[] dataSet = read(served.openDataSet());
            assertThat(Arrays.copyOfRange(bytes, bytes.length - dataSet.length, bytes.length)).isEqualTo(dataSet);
            assertThat(retrieve.instancesOfSeries(stored.ref().studyInstanceUid(), stored.ref().seriesInstanceUid()))
                    .containsExactly(stored.ref());
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void afterAPatientUpdateTheHeaderChangesAndNothingElse(Path sample) throws IOException {
        Samples.require(sample);
        byte[] bytes = Files.readAllBytes(sample);
        try (IngestFixture f = new IngestFixture(dir.resolve("store"))) {
            IngestResult result = f.service.ingest(IngestRequest.part10(IngestSource.stow("t"), new ByteArrayInputStream(bytes), null));
            assumeTrue(result instanceof IngestResult.Stored, "not archived: " + result);
            ArchivedInstance stored = ((IngestResult.Stored) result).instance();
            assumeTrue(!stored.patient().id().isEmpty(), "no Patient ID: nothing to update");
            Journal journal = new Journal(f.blobs, Clock.systemUTC());
            journal.append(stored.patient(), update(), "test", "unit test");
            RetrieveService retrieve = new RetrieveService(f.blobs, journal, RetrieveSettings.DEFAULT);

            RetrievableInstance served = retrieve.instance(stored.ref());
            byte[] out = read(served.openPart10());

            assertThat(served.changed()).isTrue();
            if (served.part10Length() >= 0) {
                assertThat(out).hasSize((int) served.part10Length());
            }
            DicomFile original = DicomReader.read(new ByteArrayInputStream(bytes), ReadOptions.DEFAULT);
            DicomFile changed = DicomReader.read(new ByteArrayInputStream(out), ReadOptions.DEFAULT);
            Dataset ds = changed.dataset();
            assertThat(ds.getString(Tags.PatientName)).isEqualTo(NEW_NAME);
            assertThat(ds.getString(Tags.PatientBirthDate)).isEqualTo("15140531");
            assertThat(ds.getString(Tags.PatientSex)).isEqualTo("M");
            assertThat(served.header().getString(Tags.PatientName)).isEqualTo(NEW_NAME);
            Sequence oas = ds.getSequence(Tags.OriginalAttributesSequence);
            Dataset last = oas.get(oas.size() - 1);
            assertThat(last.getString(Tags.ReasonForTheAttributeModification)).isEqualTo("CORRECT");
            Dataset was = last.getSequence(Tags.ModifiedAttributesSequence).get(0);
            assertThat(was.getString(Tags.PatientName)).isEqualTo(original.dataset().getString(Tags.PatientName));
            assertThat(comparable(ds)).isEqualTo(comparable(original.dataset()));
            if (!served.transferSyntax().deflated()) {
                long from = pixelDataOffset(bytes);
                long to = pixelDataOffset(out);
                assertThat(Arrays.copyOfRange(out, (int) to, out.length)).isEqualTo(Arrays.copyOfRange(bytes, (int) from, bytes.length));
            }
            ArchivedInstance indexed = new InstanceLoader(f.blobs, new CoercionRecords(f.blobs), 64L << 20, journal)
                    .loadCurrent(stored.ref(), "").orElseThrow();
            assertThat(indexed.header().getString(Tags.PatientName)).isEqualTo(NEW_NAME);
        }
    }

    static Dataset update() {
        Dataset v = new Dataset();
        v.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        v.setString(Tags.PatientName, VR.PN, NEW_NAME);
        v.setString(Tags.PatientBirthDate, VR.DA, "15140531");
        v.setString(Tags.PatientSex, VR.CS, "M");
        return v;
    }

    /** The data set as JSON without what the update touches (text compared decoded, so a new character set does not matter). */
    private static String comparable(Dataset ds) {
        Dataset copy = new Dataset();
        copy.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            if (tag == Tags.PatientName || tag == Tags.PatientBirthDate || tag == Tags.PatientSex
                    || tag == Tag.SPECIFIC_CHARACTER_SET || tag == Tags.OriginalAttributesSequence || Tag.element(tag) == 0) {
                continue;
            }
            org.vesalius.vna.archive.journal.JournalReplay.copy(ds, i, copy);
        }
        return DicomJsonWriter.toJson(copy, WriteOptions.DEFAULT);
    }

    /** Where the first pixel data element starts in a Part 10 object. */
    private static long pixelDataOffset(byte[] part10) throws IOException {
        try (DicomStreamReader r = DicomStreamReader.open(new ByteArrayInputStream(part10),
                ReadOptions.DEFAULT.withStopBefore(h -> Integer.compareUnsigned(h.tag(), 0x7FE00008) >= 0))) {
            while (true) {
                DicomStreamReader.Token t = r.next();
                if (t == DicomStreamReader.Token.STOPPED || t == DicomStreamReader.Token.END) {
                    return t == DicomStreamReader.Token.STOPPED ? r.position() : part10.length;
                }
            }
        }
    }

    static byte[] read(InputStream in) throws IOException {
        try (in) {
            return in.readAllBytes();
        }
    }
}
