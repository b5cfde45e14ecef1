package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.io.OutputStream;

/** Writes a data set, encoded in the presentation context's transfer syntax, into the P-DATA stream. */
@FunctionalInterface
public interface DataWriter {

    /** Writes the data set to {@code out}; must not close it. */
    void writeTo(OutputStream out) throws IOException;
}
