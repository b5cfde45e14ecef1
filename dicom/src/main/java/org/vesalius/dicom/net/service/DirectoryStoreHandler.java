package org.vesalius.dicom.net.service;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.FileMetaInformation;
import org.vesalius.dicom.net.dimse.DicomStatus;

/** {@link CStoreHandler#toDirectory(Path)}: Part 10 files with the data set bytes copied verbatim. */
final class DirectoryStoreHandler implements CStoreHandler {

    /** (0002,0016) Source Application Entity Title. */
    private static final int SOURCE_AE_TITLE = 0x00020016;

    private final Path directory;

    DirectoryStoreHandler(Path directory) {
        this.directory = directory;
    }

    @Override
    public DicomStatus store(StoreRequest request, InputStream dataSet) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(fileName(request.sopInstanceUid()));
        // A hidden temporary name in the same directory: the rename is atomic, and readers that
        // list the directory never see a partial file under a real name.
        Path partial = Files.createTempFile(directory, ".partial-", ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 64 * 1024)) {
                DicomWriter.writeFileHeader(fileMeta(request), out);
                dataSet.transferTo(out);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return DicomStatus.SUCCESS;
    }

    /**
     * The File Meta says what the command said and what was negotiated, never what the data set
     * might claim: the transfer syntax of the bytes is the presentation context's.
     */
    static Dataset fileMeta(StoreRequest request) {
        Dataset meta = FileMetaInformation.create(request.sopClassUid(), request.sopInstanceUid(),
                request.transferSyntaxUid());
        meta.setString(SOURCE_AE_TITLE, VR.AE, request.association().remoteAeTitle());
        return meta;
    }

    /** UIDs are digits and dots; anything else (a hostile peer) is replaced so the name stays in the directory. */
    static String fileName(String sopInstanceUid) {
        StringBuilder name = new StringBuilder(sopInstanceUid.length() + 4);
        for (int i = 0; i < sopInstanceUid.length() && i < 128; i++) {
            char c = sopInstanceUid.charAt(i);
            name.append(c >= '0' && c <= '9' || c == '.' ? c : '_');
        }
        if (name.isEmpty() || name.charAt(0) == '.') {
            name.insert(0, '_');
        }
        return name.append(".dcm").toString();
    }
}
