package org.vesalius.dicom.net.ul;


import java.nio.file.Path;
import org.vesalius.testsupport.samples.SharedSamples;

/** Sample files from the shared reference data, skipping the test when absent. */
final class SharedFiles {

    private SharedFiles() {
    }

    static Path ctSmall() {
        return SharedSamples.require("pydicom/test_files/CT_small.dcm");
    }
}
