package org.vesalius.dicom.json;

import java.io.IOException;
import org.vesalius.dicom.data.VR;

/**
 * What {@link DicomJsonReader} keeps for a {@code BulkDataURI}: a reference to resolve later
 * (the default), or the bytes fetched right away.
 */
@FunctionalInterface
public interface BulkDataUriHandler {

    /**
     * The value for the attribute at {@code path}.
     *
     * @return a {@link org.vesalius.dicom.data.BulkDataRef}, a {@code byte[]} (the value field,
     *         binary numbers little endian), or null for an empty value
     */
    Object valueOf(TagPath path, VR vr, String uri) throws IOException;

    /**
     * A {@link org.vesalius.dicom.data.BulkDataRef} for the URI; the {@code offset} and
     * {@code length} query parameters that {@link BulkDataUriBuilder#LOCATION} writes become the
     * reference's range again (see {@link BulkDataUris#parse}).
     */
    BulkDataUriHandler REFERENCE = (path, vr, uri) -> BulkDataUris.parse(uri);
}
