package org.vesalius.dicom.net.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.net.dimse.CommandSet.Priority;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.PresentationContext;
import org.vesalius.dicom.net.ul.pdu.PresentationContextResult.Result;

/** The Part 10 directory sink: what it writes, where, and what it leaves behind on failure. */
class DirectoryStoreHandlerTest {

    @TempDir
    Path dir;

    private static StoreRequest request(String sopInstanceUid, String transferSyntax) {
        AssociationInfo who = new AssociationInfo("MODALITY", "VESALIUS", false, new InetSocketAddress("127.0.0.1", 4242),
                null, "MODALITY->VESALIUS");
        PresentationContext pc = new PresentationContext(1, UID.CTImageStorage, transferSyntax, Result.ACCEPTANCE, true,
                false);
        return new StoreRequest(who, pc, 1, UID.CTImageStorage, sopInstanceUid, Priority.MEDIUM, null, -1);
    }

    @Test
    void writesFileMetaFromTheCommandThenTheBytesAsReceived() throws Exception {
        byte[] dataSet = {0x08, 0x00, 0x60, 0x00, 'C', 'S', 2, 0, 'C', 'T'}; // (0008,0060) CS "CT", explicit LE
        DicomStatus status = CStoreHandler.toDirectory(dir).store(request("1.2.3.4", UID.ExplicitVRLittleEndian),
                new ByteArrayInputStream(dataSet));
        assertThat(status).isEqualTo(DicomStatus.SUCCESS);
        Path file = dir.resolve("1.2.3.4.dcm");
        assertThat(DataSetBytes.of(file)).isEqualTo(dataSet);
        DicomFile read = DicomReader.read(file);
        assertThat(read.declaredTransferSyntaxUid()).isEqualTo(UID.ExplicitVRLittleEndian);
        assertThat(read.fileMeta().getString(0x00020003)).isEqualTo("1.2.3.4");
        assertThat(read.fileMeta().getString(0x00020016)).isEqualTo("MODALITY");
        assertThat(read.dataset().getString(0x00080060)).isEqualTo("CT");
    }

    @Test
    void aHostileUidStaysInTheDirectory() {
        String name = DirectoryStoreHandler.fileName("../../etc/passwd");
        assertThat(name).doesNotContain("/").startsWith("_").endsWith(".dcm");
        assertThat(dir.resolve(name).normalize().getParent()).isEqualTo(dir);
        assertThat(DirectoryStoreHandler.fileName("")).isEqualTo("_.dcm");
        assertThat(DirectoryStoreHandler.fileName("1.2.840.10008")).isEqualTo("1.2.840.10008.dcm");
    }

    @Test
    void aStreamThatFailsLeavesNothing() {
        InputStream broken = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ > 100) {
                    throw new IOException("association ended");
                }
                return 0;
            }
        };
        assertThatThrownBy(() -> CStoreHandler.toDirectory(dir).store(request("1.2.3", UID.ImplicitVRLittleEndian), broken))
                .isInstanceOf(IOException.class);
        assertThat(dir.toFile().list()).isEmpty();
    }

    @Test
    void aSecondCopyReplacesTheFirst() throws Exception {
        CStoreHandler sink = CStoreHandler.toDirectory(dir);
        sink.store(request("1.2.3", UID.ImplicitVRLittleEndian), new ByteArrayInputStream(new byte[] {8, 0, 0x60, 0, 2, 0, 0, 0, 'M', 'R'}));
        sink.store(request("1.2.3", UID.ImplicitVRLittleEndian), new ByteArrayInputStream(new byte[] {8, 0, 0x60, 0, 2, 0, 0, 0, 'C', 'T'}));
        assertThat(List.of(dir.toFile().list())).containsExactly("1.2.3.dcm");
        assertThat(DicomReader.read(dir.resolve("1.2.3.dcm")).dataset().getString(0x00080060)).isEqualTo("CT");
        assertThat(Files.size(dir.resolve("1.2.3.dcm"))).isPositive();
    }
}
