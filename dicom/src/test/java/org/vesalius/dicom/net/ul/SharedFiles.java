package org.vesalius.dicom.net.ul;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.vesalius.dicom.testdata.SharedSamples;

/** Sample files from the shared reference data, skipping the test when absent. */
final class SharedFiles {

    private SharedFiles() {
    }

    static Path ctSmall() {
        Path p = SharedSamples.requireSharedDir().resolve("dicom-samples/pydicom/test_files/CT_small.dcm");
        assumeTrue(Files.isRegularFile(p), "shared sample " + p + " is not available");
        return p;
    }
}
