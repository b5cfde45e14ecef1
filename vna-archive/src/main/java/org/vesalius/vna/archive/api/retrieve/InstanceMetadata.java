package org.vesalius.vna.archive.api.retrieve;

import java.io.IOException;
import java.io.OutputStream;

/** The metadata of a study, series or instance, as served: the journal applied, bulk data as URIs. */
public interface InstanceMetadata {

    /** How many instances it describes. */
    int count();

    /**
     * Writes the DICOM JSON array (one object per instance), bulk data URIs under {@code baseUrl}.
     *
     * @throws IOException from {@code out}
     */
    void writeJson(OutputStream out, String baseUrl) throws IOException;
}
