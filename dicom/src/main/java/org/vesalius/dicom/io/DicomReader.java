package org.vesalius.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.vesalius.dicom.data.Dataset;

/** Reads whole Part 10 files or data sets into memory; see {@link DicomStreamReader} for streaming. */
public final class DicomReader {

    private DicomReader() {
    }

    /** Reads a Part 10 file with default options (everything in memory). */
    public static DicomFile read(Path file) throws IOException {
        return read(file, ReadOptions.DEFAULT);
    }

    /** Reads a Part 10 file. */
    public static DicomFile read(Path file, ReadOptions options) throws IOException {
        try (DicomStreamReader reader = DicomStreamReader.open(file, options)) {
            return readAll(reader);
        }
    }

    /** Reads Part 10 input from a stream (not closed). */
    public static DicomFile read(InputStream in, ReadOptions options) throws IOException {
        return readAll(DicomStreamReader.open(in, options));
    }

    /** Reads a bare data set in {@code syntax} from a stream (not closed). */
    public static Dataset readDataset(InputStream in, TransferSyntax syntax, ReadOptions options) throws IOException {
        return DatasetBuilder.build(DicomStreamReader.forDataset(in, syntax, options), new Dataset());
    }

    private static DicomFile readAll(DicomStreamReader reader) throws IOException {
        try {
            Dataset dataset = DatasetBuilder.build(reader, new Dataset(64));
            return new DicomFile(reader.preamble(), reader.hasMagic(), reader.fileMeta(), dataset,
                    reader.transferSyntax(), reader.trailingBytes(), reader.irregularities());
        } catch (java.util.zip.ZipException e) {
            throw new MalformedDicomException("corrupt deflated data set: " + e.getMessage(), reader.position(),
                    MalformedDicomException.NO_TAG, e);
        } catch (java.io.EOFException e) {
            throw new TruncatedDicomException(1, reader.position(), MalformedDicomException.NO_TAG);
        }
    }
}
