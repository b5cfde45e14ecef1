package org.vesalius.dicom.io;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The Part 10 reader on arbitrary bytes: it answers with a data set or an {@link IOException}
 * ({@link MalformedDicomException}, {@link TruncatedDicomException}), nothing else, and never
 * allocates what a length field claims. {@code ./vna test} replays the committed inputs
 * ({@code Part10ReaderFuzzTestInputs/}); {@code ./vna fuzz} searches for new ones (dicom/README.md,
 * "Fuzzing").
 */
class Part10ReaderFuzzTest {

    @FuzzTest(maxExecutions = 100_000)
    void part10File(byte[] input) {
        try {
            DicomReader.read(new ByteArrayInputStream(input), ReadOptions.DEFAULT);
        } catch (IOException expected) {
            // the typed answer to bad input
        }
    }

    @FuzzTest(maxExecutions = 100_000)
    void dataSetInEachTransferSyntax(byte[] input) {
        for (TransferSyntax syntax : new TransferSyntax[] {TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, TransferSyntax.EXPLICIT_VR_BIG_ENDIAN, TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN}) {
            try {
                DicomReader.readDataset(new ByteArrayInputStream(input), syntax, ReadOptions.DEFAULT);
            } catch (IOException expected) {
                // the typed answer to bad input
            }
        }
    }
}
