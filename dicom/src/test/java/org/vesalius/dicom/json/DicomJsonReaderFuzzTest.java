package org.vesalius.dicom.json;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * The DICOM JSON reader (PS3.18 F) on arbitrary bytes: a data set or an {@link IOException}
 * ({@link DicomJsonException}, or Jackson's own for text that is not JSON), nothing else.
 * Replayed by {@code ./vna test}, searched by {@code ./vna fuzz} (dicom/README.md, "Fuzzing").
 */
class DicomJsonReaderFuzzTest {

    @FuzzTest(maxExecutions = 100_000)
    void dicomJson(byte[] input) {
        try {
            new DicomJsonReader().readAll(new ByteArrayInputStream(input));
        } catch (IOException expected) {
            // the typed answer to bad input
        }
    }
}
