package org.vesalius.vna.archive.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vesalius.vna.archive.ingest.TestObjects.ct;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.dimse.CommandSet.Priority;
import org.vesalius.dicom.net.service.DimseClient;
import org.vesalius.dicom.net.service.DimseResponse;
import org.vesalius.dicom.net.service.DimseServiceRegistry;
import org.vesalius.dicom.net.service.StorageSopClasses;
import org.vesalius.dicom.net.ul.ApplicationEntity;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationOptions;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.dicom.net.ul.DicomServer;
import org.vesalius.dicom.net.ul.TransferCapability;
import org.vesalius.vna.archive.ingest.DefaultIssuerRule;
import org.vesalius.vna.archive.ingest.IngestFixture;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.archive.storage.BlobKey;
import org.vesalius.vna.archive.storage.InstanceKeys;

/** Our SCU stores into the C-STORE SCP on port 0 in this JVM; the statuses are the ones {@link CStoreStatuses} documents. */
class CStoreScpTest {

    private static final String SOP = "1.2.826.0.1.3680043.2.1125.1.1.";
    private static final String EXPLICIT = UID.ExplicitVRLittleEndian;

    @TempDir
    Path dir;
    IngestFixture f;
    DicomServer server;
    DimseClient scu;
    Association as;

    @BeforeEach
    void setUp() throws Exception {
        f = new IngestFixture(dir).with(new DefaultIssuerRule(Map.of("MODALITY", "HOSP_M"), Map.of()));
        start();
    }

    private void start() throws Exception {
        ApplicationEntity ae = StorageSopClasses.acceptAll(ApplicationEntity.builder("VESALIUS"), TransferCapability.Role.SCP)
                .options(AssociationOptions.DEFAULT.withArtimTimeout(Duration.ofSeconds(5))).build();
        server = DicomServer.builder(ae, DimseServiceRegistry.builder().store(new CStoreScp(f.service)).build()).port(0).start();
        scu = DimseClient.of(DicomClient.builder().build());
        as = scu.connect("127.0.0.1", server.port(), AssociationRequest.builder("MODALITY", "VESALIUS")
                .propose(TestObjects.CT, EXPLICIT, UID.ImplicitVRLittleEndian).build());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (as != null) {
            as.release();
        }
        server.close();
        f.close();
    }

    private DimseResponse store(Dataset ds) throws Exception {
        byte[] dataSet = TestObjects.dataSet(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
        return scu.store(as, TestObjects.CT, ds.getString(Tags.SOPInstanceUID), EXPLICIT, new ByteArrayInputStream(dataSet),
                Priority.MEDIUM);
    }

    @Test
    void aStoredInstanceIsTheDataSetAsSentBehindAFileMeta() throws Exception {
        Dataset ds = ct(SOP + 1, "P1", "ISSUER", 300_000, 1);
        byte[] dataSet = TestObjects.dataSet(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        DimseResponse r = store(ds);

        assertThat(r.status().code()).isEqualTo(0x0000);
        byte[] blob = f.read(InstanceKeys.instance(TestObjects.STUDY, TestObjects.SERIES, SOP + 1));
        assertThat(Arrays.copyOfRange(blob, blob.length - dataSet.length, blob.length)).isEqualTo(dataSet);
        assertThat(f.index.documents).containsKey(SOP + 1);
    }

    @Test
    void aCoercedIssuerIsWarningB000WithAComment() throws Exception {
        DimseResponse r = store(ct(SOP + 2, "P2", null, 100, 1));

        assertThat(r.status().code()).isEqualTo(0xB000);
        assertThat(r.errorComment()).contains("HOSP_M");
        assertThat(f.index.documents.get(SOP + 2).patient().issuer()).isEqualTo("HOSP_M");
    }

    @Test
    void invalidAndDuplicateObjectsAreA900AndLeaveNothing() throws Exception {
        Dataset noStudy = ct(SOP + 3, "P", "I", 100, 1);
        noStudy.remove(Tags.StudyInstanceUID);
        store(ct(SOP + 4, "P", "I", 100, 1));

        DimseResponse invalid = store(noStudy);
        DimseResponse duplicate = store(ct(SOP + 4, "P", "I", 100, 2));
        DimseResponse same = store(ct(SOP + 4, "P", "I", 100, 1));

        assertThat(invalid.status().code()).isEqualTo(0xA900);
        assertThat(invalid.errorComment()).startsWith("Study Instance UID (0020,000D)");
        assertThat(duplicate.status().code()).isEqualTo(0xA900);
        assertThat(duplicate.errorComment()).contains("different content");
        assertThat(same.status().code()).isEqualTo(0x0000);
        assertThat(f.keys()).extracting(BlobKey::value).as("%s", f.keys()).noneMatch(k -> k.endsWith(SOP + 3 + ".dcm"));
    }

    @Test
    void aDataSetTheCommandContradictsOrThatIsCutShortIsRefused() throws Exception {
        byte[] dataSet = TestObjects.dataSet(ct(SOP + 5, "P", "I", 50_000, 1), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);

        DimseResponse mismatch = scu.store(as, TestObjects.CT, SOP + 99, EXPLICIT, new ByteArrayInputStream(dataSet), Priority.LOW);
        DimseResponse truncated = scu.store(as, TestObjects.CT, SOP + 5, EXPLICIT,
                new ByteArrayInputStream(Arrays.copyOf(dataSet, dataSet.length - 10_000)), Priority.LOW);

        assertThat(mismatch.status().code()).isEqualTo(0xA900);
        assertThat(truncated.status().code()).isEqualTo(0xC000);
        assertThat(truncated.errorComment()).startsWith("truncated");
        f.assertNothingBehind();
    }

    @Test
    void nonDicomBytesAndAMissingSopInstanceUidAreRefusedAndLeaveNothing() throws Exception {
        byte[] garbage = "these bytes are plain text and not a DICOM data set at all".repeat(20)
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        DimseResponse notDicom = scu.store(as, TestObjects.CT, SOP + 6, EXPLICIT, new ByteArrayInputStream(garbage), Priority.LOW);
        Dataset noSop = ct(SOP + 7, "P", "I", 100, 1);
        noSop.remove(Tags.SOPInstanceUID);
        DimseResponse missing = scu.store(as, TestObjects.CT, SOP + 7, EXPLICIT,
                new ByteArrayInputStream(TestObjects.dataSet(noSop, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN)), Priority.LOW);

        assertThat(notDicom.status().isSuccessOrWarning() || notDicom.status().isPending()).as("%s", notDicom.status()).isFalse();
        assertThat(notDicom.errorComment()).isNotBlank();
        assertThat(missing.status().code()).isEqualTo(0xA900);
        assertThat(missing.errorComment()).contains("SOP Instance UID");
        f.assertNothingBehind();
        assertThat(f.index.documents).doesNotContainKeys(SOP + 6, SOP + 7);
    }

    @Test
    void storageDownIsA700() throws Exception {
        as.release();
        server.close();
        f.close();
        f = new IngestFixture(dir.resolve("down"), store -> new FailingBlobStore(store));
        start();

        DimseResponse r = store(ct(SOP + 6, "P", "I", 100, 1));

        assertThat(r.status().code()).isEqualTo(0xA700);
        assertThat(r.errorComment()).contains("storage unavailable");
    }
}
