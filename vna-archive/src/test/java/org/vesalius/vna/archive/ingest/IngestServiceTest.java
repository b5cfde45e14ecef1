package org.vesalius.vna.archive.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vesalius.vna.archive.ingest.TestObjects.ct;
import static org.vesalius.vna.archive.ingest.TestObjects.part10;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.vna.archive.api.ingest.Coercion;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestResult.Disposition;
import org.vesalius.vna.archive.api.ingest.IngestResult.Duplicate;
import org.vesalius.vna.archive.api.ingest.IngestResult.InvalidObject;
import org.vesalius.vna.archive.api.ingest.IngestResult.Problem;
import org.vesalius.vna.archive.api.ingest.IngestResult.SourceFailure;
import org.vesalius.vna.archive.api.ingest.IngestResult.Stored;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.api.ingest.ObjectIds;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.InstanceKeys;

class IngestServiceTest {

    private static final String SOP = "1.2.826.0.1.3680043.2.1125.1.1.1";
    private static final BlobKey KEY = InstanceKeys.instance(TestObjects.STUDY, TestObjects.SERIES, SOP);

    @TempDir
    Path dir;
    IngestFixture f;

    @BeforeEach
    void setUp() {
        f = new IngestFixture(dir);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void storesTheBytesExactlyAsReceivedAndIndexesTheHeader() {
        byte[] bytes = part10(ct(SOP, "12345", "HOSP_A", 200_000, 1));

        Stored stored = (Stored) f.part10(bytes);

        assertThat(stored.disposition()).isEqualTo(Disposition.NEW);
        assertThat(stored.indexQueued()).isFalse();
        assertThat(f.read(KEY)).isEqualTo(bytes);
        assertThat(f.keys()).containsExactly(KEY);
        assertThat(stored.instance().blob().size()).isEqualTo(bytes.length);
        assertThat(stored.instance().patient().issuer()).isEqualTo("HOSP_A");
        assertThat(stored.instance().header().contains(Tags.PixelData)).isFalse();
        assertThat(stored.instance().header().getString(Tags.Modality)).isEqualTo("CT");
        assertThat(f.index.documents).containsKey(SOP);
    }

    @Test
    void theSameBytesAgainAreANoOp() {
        byte[] bytes = part10(ct(SOP, "12345", null, 10_000, 1));
        Stored first = (Stored) f.part10(bytes);
        f.clock.advance(java.time.Duration.ofMinutes(5));

        Stored again = (Stored) f.part10(bytes);

        assertThat(again.disposition()).isEqualTo(Disposition.ALREADY_STORED);
        assertThat(again.instance().blob()).isEqualTo(first.instance().blob());
        assertThat(f.keys()).containsExactly(KEY);
        assertThat(f.read(KEY)).isEqualTo(bytes);
    }

    @Test
    void differentBytesUnderAStoredUidAreRejectedByDefault() {
        byte[] first = part10(ct(SOP, "12345", null, 10_000, 1));
        byte[] second = part10(ct(SOP, "12345", null, 10_000, 2));
        f.part10(first);

        Duplicate dup = (Duplicate) f.part10(second);

        assertThat(dup.ids().sopInstanceUid()).isEqualTo(SOP);
        assertThat(dup.existingSha256Hex()).isEqualTo(sha256(first)).isNotEqualTo(dup.offeredSha256Hex());
        assertThat(dup.message()).contains("different content");
        assertThat(f.read(KEY)).isEqualTo(first);
        assertThat(f.keys()).containsExactly(KEY);
    }

    @Test
    void differentBytesAreKeptAsANewVersionWhenConfigured() {
        f.with(IngestSettings.DEFAULT.withDuplicatePolicy(DuplicatePolicy.KEEP_AS_NEW_VERSION));
        byte[] v1 = part10(ct(SOP, "12345", null, 10_000, 1));
        byte[] v2 = part10(ct(SOP, "12345", null, 10_000, 2));
        f.part10(v1);
        f.clock.advance(java.time.Duration.ofSeconds(1));

        Stored second = (Stored) f.part10(v2);

        assertThat(second.disposition()).isEqualTo(Disposition.NEW_VERSION);
        BlobKey versionKey = BlobKey.of(second.instance().blob().key());
        assertThat(versionKey.fileName()).matches(java.util.regex.Pattern.quote(SOP) + "\\.v20250301100001000-[0-9a-f]{6}\\.dcm");
        assertThat(f.read(KEY)).isEqualTo(v1);
        assertThat(f.read(versionKey)).isEqualTo(v2);
        assertThat(BlobKey.of(f.index.documents.get(SOP).blob().key())).isEqualTo(versionKey);

        // Either version again is a no-op, and the index keeps describing the newest.
        f.clock.advance(java.time.Duration.ofSeconds(1));
        Stored v1Again = (Stored) f.part10(v1);
        Stored v2Again = (Stored) f.part10(v2);
        assertThat(v1Again.disposition()).isEqualTo(Disposition.ALREADY_STORED);
        assertThat(BlobKey.of(v1Again.instance().blob().key())).isEqualTo(KEY);
        assertThat(v2Again.disposition()).isEqualTo(Disposition.ALREADY_STORED);
        assertThat(f.keys()).containsExactly(KEY, versionKey);
        assertThat(BlobKey.of(f.index.documents.get(SOP).blob().key())).isEqualTo(versionKey);
    }

    @Test
    void aMissingIssuerIsFilledPerSenderAndRecordedBesideTheUntouchedBlob() throws IOException {
        f.with(new DefaultIssuerRule(Map.of("CT_SCANNER", "HOSP_A"), Map.of()));
        Dataset ds = ct(SOP, "12345", null, 1_000, 1);
        byte[] dataSet = TestObjects.dataSet(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        Stored stored = (Stored) f.service.ingest(IngestRequest.dataSet(IngestSource.dimse("CT_SCANNER"),
                new ByteArrayInputStream(dataSet), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), TestObjects.CT, SOP));

        assertThat(stored.coercions()).singleElement().satisfies(c -> {
            assertThat(c.rule()).isEqualTo(DefaultIssuerRule.NAME);
            assertThat(c.newValues().getString(Tags.IssuerOfPatientID)).isEqualTo("HOSP_A");
            assertThat(c.originalValues().contains(Tags.IssuerOfPatientID)).isTrue();
        });
        assertThat(stored.instance().patient()).isEqualTo(new org.vesalius.vna.archive.api.PatientId("12345", "HOSP_A"));
        assertThat(f.index.documents.get(SOP).patient().issuer()).isEqualTo("HOSP_A");
        // The blob is the data set as received behind a File Meta: no issuer in it.
        byte[] blob = f.read(KEY);
        assertThat(Arrays.copyOfRange(blob, blob.length - dataSet.length, blob.length)).isEqualTo(dataSet);
        assertThat(f.keys()).containsExactly(CoercionRecords.keyFor(KEY), KEY);
        // The record is what a reader of the blob store alone (reindex, catch-up) applies.
        assertThat(f.records.read(KEY)).singleElement().extracting(Coercion::rule).isEqualTo(DefaultIssuerRule.NAME);
        assertThat(f.loader().loadCurrent(stored.instance().ref(), "").orElseThrow().patient().issuer()).isEqualTo("HOSP_A");
        assertThat(new String(f.read(CoercionRecords.keyFor(KEY)), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"format\":\"vesalius-coercions/1\"", "\"source\":\"DIMSE:CT_SCANNER\"", "\"00100021\"");

        // The same bytes again: a no-op that still reports (and applies) the coercion.
        Stored again = (Stored) f.service.ingest(IngestRequest.dataSet(IngestSource.dimse("CT_SCANNER"),
                new ByteArrayInputStream(dataSet), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid(), TestObjects.CT, SOP));
        assertThat(again.disposition()).isEqualTo(Disposition.ALREADY_STORED);
        assertThat(again.coercions()).hasSize(1);
        assertThat(again.instance().patient().issuer()).isEqualTo("HOSP_A");
    }

    @Test
    void aPresentIssuerOrAnUnconfiguredSenderIsLeftAlone() {
        f.with(new DefaultIssuerRule(Map.of("CT_SCANNER", "HOSP_A"), Map.of("client", "HOSP_B")));
        // Three issuers, so three patients: each in a study of its own.
        Stored present = (Stored) f.part10(part10(inStudy(ct(SOP, "12345", "OTHER", 1_000, 1), ".1")));
        Stored unconfigured = (Stored) f.ingest(IngestSource.dimse("UNKNOWN_AE"),
                new ByteArrayInputStream(part10(inStudy(ct(SOP + ".2", "12345", null, 1_000, 1), ".2"))));
        Stored stow = (Stored) f.part10(part10(inStudy(ct(SOP + ".3", "12345", null, 1_000, 1), ".3")));

        assertThat(present.coercions()).isEmpty();
        assertThat(present.instance().patient().issuer()).isEqualTo("OTHER");
        assertThat(unconfigured.coercions()).isEmpty();
        assertThat(unconfigured.instance().patient().issuer()).isEmpty();
        assertThat(stow.instance().patient().issuer()).isEqualTo("HOSP_B");
    }

    @Test
    void aCStoreDataSetIsStoredAsPart10WithAFileMetaFromTheCommand() throws IOException {
        Dataset ds = ct(SOP, "12345", null, 5_000, 3);
        byte[] dataSet = TestObjects.dataSet(ds, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);

        Stored stored = (Stored) f.service.ingest(IngestRequest.dataSet(IngestSource.dimse("MOD"),
                new ByteArrayInputStream(dataSet), "1.2.840.10008.1.2", TestObjects.CT, SOP));

        byte[] blob = f.read(KEY);
        assertThat(Arrays.copyOfRange(blob, blob.length - dataSet.length, blob.length)).isEqualTo(dataSet);
        var file = org.vesalius.dicom.io.DicomReader.read(new ByteArrayInputStream(blob), org.vesalius.dicom.io.ReadOptions.DEFAULT);
        assertThat(file.fileMeta().getString(0x00020010)).isEqualTo("1.2.840.10008.1.2");
        assertThat(file.fileMeta().getString(Tags.MediaStorageSOPInstanceUID)).isEqualTo(SOP);
        assertThat(file.fileMeta().getString(Tags.SourceApplicationEntityTitle)).isEqualTo("MOD");
        assertThat(file.dataset().getBytes(Tags.PixelData)).isEqualTo(ds.getBytes(Tags.PixelData));
        assertThat(stored.instance().transferSyntaxUid()).isEqualTo("1.2.840.10008.1.2");
        assertThat(stored.instance().sourceAeTitle()).isEqualTo("MOD");
    }

    @Test
    void aDataSetThatContradictsItsCommandIsRefused() {
        byte[] dataSet = TestObjects.dataSet(ct(SOP, "1", null, 100, 1), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        InvalidObject r = (InvalidObject) f.service.ingest(IngestRequest.dataSet(IngestSource.dimse("MOD"),
                new ByteArrayInputStream(dataSet), "1.2.840.10008.1.2.1", TestObjects.CT, "1.2.3.4"));

        assertThat(r.problem()).isEqualTo(Problem.UID_MISMATCH);
        assertThat(r.tag()).isEqualTo(Tags.SOPInstanceUID);
        f.assertNothingBehind();
    }

    @Test
    void anInstanceOfAnotherStudyThanTheRequestNamesIsRefused() {
        InvalidObject r = (InvalidObject) f.service.ingest(IngestRequest.part10(IngestSource.stow("c"),
                new ByteArrayInputStream(part10(ct(SOP, "1", null, 100, 1))), "1.2.3"));

        assertThat(r.problem()).isEqualTo(Problem.STUDY_MISMATCH);
        assertThat(r.cannotUnderstand()).isFalse();
        f.assertNothingBehind();
    }

    @Test
    void nonDicomBytesAreRefusedAndLeaveNothing() {
        InvalidObject r = (InvalidObject) f.part10("this is not a DICOM file, just some text".repeat(10).getBytes());

        assertThat(r.problem()).isEqualTo(Problem.NOT_DICOM);
        assertThat(r.ids()).isEqualTo(ObjectIds.UNKNOWN);
        f.assertNothingBehind();
    }

    @Test
    void aBareDataSetIsNotAPart10File() {
        InvalidObject r = (InvalidObject) f.part10(TestObjects.dataSet(ct(SOP, "1", null, 100, 1),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN));

        assertThat(r.problem()).isEqualTo(Problem.NOT_PART10);
        f.assertNothingBehind();
    }

    @Test
    void aFileTruncatedInsideItsPixelDataIsRefusedAndLeavesNothing() {
        byte[] bytes = part10(ct(SOP, "1", null, 300_000, 1));

        InvalidObject r = (InvalidObject) f.part10(Arrays.copyOf(bytes, bytes.length - 1000));

        assertThat(r.problem()).isEqualTo(Problem.TRUNCATED);
        assertThat(r.tag()).isEqualTo(Tags.PixelData);
        assertThat(r.ids().sopInstanceUid()).isEqualTo(SOP);
        f.assertNothingBehind();
    }

    @Test
    void aFileTruncatedInsideItsHeaderIsRefusedAndLeavesNothing() {
        byte[] bytes = part10(ct(SOP, "1", null, 300_000, 1));

        InvalidObject r = (InvalidObject) f.part10(Arrays.copyOf(bytes, 300));

        assertThat(r.problem()).isIn(Problem.TRUNCATED, Problem.MISSING_ATTRIBUTE);
        f.assertNothingBehind();
    }

    @Test
    void aFileWithoutSopInstanceUidIsRefused() {
        Dataset ds = ct(SOP, "1", null, 100, 1);
        ds.remove(Tags.SOPInstanceUID);

        InvalidObject r = (InvalidObject) f.part10(part10(ds));

        assertThat(r.problem()).isEqualTo(Problem.MISSING_ATTRIBUTE);
        assertThat(r.tag()).isEqualTo(Tags.SOPInstanceUID);
        f.assertNothingBehind();
    }

    @Test
    void aUidThatIsNotAUidIsRefused() {
        Dataset ds = ct(SOP, "1", null, 100, 1);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, "1.2.03.abc");

        InvalidObject r = (InvalidObject) f.part10(part10(ds));

        assertThat(r.problem()).isEqualTo(Problem.INVALID_ATTRIBUTE);
        assertThat(r.tag()).isEqualTo(Tags.SeriesInstanceUID);
        f.assertNothingBehind();
    }

    @Test
    void aUidWithALineBreakIsLoggedEscapedOnOneLine() {
        String forged = "[main] INFO org.vesalius.vna.archive.ingest.IngestService - stored 9.9.9";
        Dataset ds = ct("1.2.3\n" + forged, "1", null, 100, 1);
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8)); // slf4j-simple writes here in tests
        InvalidObject r;
        try {
            r = (InvalidObject) f.service.ingest(IngestRequest.part10(IngestSource.stow("client\r\n" + forged),
                    new ByteArrayInputStream(part10(ds)), null));
        } finally {
            System.setErr(original);
        }

        assertThat(r.tag()).isEqualTo(Tags.SOPInstanceUID);
        String text = log.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("refused object 1.2.3\\n" + forged + " from ", "client\\r\\n" + forged);
        assertThat(text.lines()).noneMatch(line -> line.startsWith(forged));
        f.assertNothingBehind();
    }

    @Test
    void aHeaderLargerThanTheCapIsRefusedAndLeavesNothing() {
        f.with(IngestSettings.DEFAULT.withMaxHeaderBytes(4096));
        Dataset ds = ct(SOP, "1", null, 100, 1);
        Sequence refs = ds.newSequence(Tags.ReferencedImageSequence, 200);
        for (int i = 0; i < 200; i++) {
            Dataset item = refs.addItem();
            item.setString(Tags.ReferencedSOPClassUID, VR.UI, TestObjects.CT);
            item.setString(Tags.ReferencedSOPInstanceUID, VR.UI, SOP + "." + i);
        }

        InvalidObject r = (InvalidObject) f.part10(part10(ds));

        assertThat(r.problem()).isEqualTo(Problem.HEADER_TOO_LARGE);
        assertThat(r.reason()).contains("4096");
        f.assertNothingBehind();
        // A large value that is not part of the header streams past the cap.
        Stored big = (Stored) f.part10(part10(ct(SOP, "1", null, 500_000, 1)));
        assertThat(big.instance().blob().size()).isGreaterThan(500_000);
    }

    @Test
    void aSenderWhoseStreamBreaksMidwayLeavesNothing() {
        byte[] bytes = part10(ct(SOP, "1", null, 400_000, 1));
        InputStream breaking = new InputStream() {
            private final ByteArrayInputStream in = new ByteArrayInputStream(bytes, 0, 250_000);

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection reset (test)");
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                if (n < 0) {
                    throw new IOException("connection reset (test)");
                }
                return n;
            }
        };

        SourceFailure r = (SourceFailure) f.ingest(IngestSource.stow("c"), breaking);

        // The socket error stays in the log: the answer says what happened, not the server's exception text.
        assertThat(r.message()).contains("failed before its end").doesNotContain("connection reset");
        assertThat(r.ids().sopInstanceUid()).isEqualTo(SOP);
        f.assertNothingBehind();
        assertThat(f.index.documents).isEmpty();
    }

    @Test
    void deflatedObjectsAreStoredAsReceived() {
        byte[] bytes = part10(ct(SOP, "1", null, 50_000, 1), TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN);

        Stored stored = (Stored) f.part10(bytes);

        assertThat(f.read(KEY)).isEqualTo(bytes);
        assertThat(stored.instance().header().getString(Tags.Modality)).isEqualTo("CT");
        assertThat(stored.instance().header().contains(Tags.PixelData)).isFalse();
        InvalidObject truncated = (InvalidObject) f.part10(Arrays.copyOf(bytes, bytes.length / 2));
        assertThat(truncated.problem()).isIn(Problem.TRUNCATED, Problem.MALFORMED);
        assertThat(f.keys()).containsExactly(KEY);
    }

    @Test
    void encapsulatedPixelDataMustBeClosedByItsDelimiter() {
        Dataset ds = ct(SOP, "1", null, 100, 1);
        ds.remove(Tags.PixelData);
        org.vesalius.dicom.data.Fragments frags = new org.vesalius.dicom.data.Fragments();
        frags.add(new byte[0]);
        frags.add(new byte[10_000]);
        frags.add(new byte[20_000]);
        ds.set(Tags.PixelData, VR.OB, frags);
        byte[] bytes = part10(ds, org.vesalius.dicom.io.TransferSyntax.of("1.2.840.10008.1.2.4.50"));

        Stored stored = (Stored) f.part10(bytes);
        assertThat(f.read(BlobKey.of(stored.instance().blob().key()))).isEqualTo(bytes);
        f.index.documents.clear();

        IngestFixture other = new IngestFixture(dir.resolve("other"));
        try {
            InvalidObject r = (InvalidObject) other.part10(Arrays.copyOf(bytes, bytes.length - 8)); // delimiter cut
            assertThat(r.problem()).isEqualTo(Problem.TRUNCATED);
            other.assertNothingBehind();
        } finally {
            other.close();
        }
    }

    @Test
    void everyResultNamesTheSopInstanceWhenItWasRead() {
        List<IngestResult> results = List.of(f.part10(part10(ct(SOP, "1", null, 100, 1))));
        assertThat(results.get(0).ids()).isEqualTo(new ObjectIds(TestObjects.CT, SOP, TestObjects.STUDY));
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static org.vesalius.dicom.data.Dataset inStudy(org.vesalius.dicom.data.Dataset ds, String suffix) {
        ds.setString(Tags.StudyInstanceUID, org.vesalius.dicom.data.VR.UI, TestObjects.STUDY + suffix);
        return ds;
    }
}
