package org.vesalius.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import org.vesalius.dicom.data.BulkDataRef;

/** {@link BulkDataHandler#locationIn}: bulk values stay in the file and are recorded by range. */
final class BulkDataLocations implements BulkDataHandler {

    private final String uri;

    BulkDataLocations(String uri) {
        this.uri = uri;
    }

    @Override
    public Object handle(Value value, InputStream in) throws IOException {
        if (!value.offsetIsInFile()) {
            return in.readAllBytes();
        }
        return new BulkDataRef(uri, value.offset(), value.length());
    }

    @Override
    public boolean acceptsTruncatedValues() {
        return true;
    }
}
