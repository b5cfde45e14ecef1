package org.vesalius.dicom.json;

import java.util.List;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.data.VR;

/** Decides, per value, between a {@code BulkDataURI} and inline content, from {@link WriteOptions}. */
final class BulkDataChoice {

    private final WriteOptions options;

    BulkDataChoice(WriteOptions options) {
        this.options = options;
    }

    /** The URI to write for a plain value at {@code position}, or null to write it inline. */
    String uriOf(Position position, int tag, VR vr, Object value) {
        BulkDataUriBuilder uris = options.bulkDataUris();
        if (value instanceof BulkDataRef ref) {
            String uri = uris == null ? null : uris.uriOf(position.pathOf(tag), ref);
            return uri != null ? uri : BulkDataUris.withRange(ref);
        }
        if (uris != null && value instanceof byte[] raw && mayBeBulkData(vr)
                && options.bulkData().isBulkData(position.depth(), tag, vr, raw.length)) {
            return uris.uriOf(position.pathOf(tag), null);
        }
        return null;
    }

    /** The URI to write for an encapsulated value, or null to write its items inline. */
    String uriOfFragments(Position position, int tag, List<Object> items) {
        BulkDataRef range = Encapsulated.range(items);
        BulkDataUriBuilder uris = options.bulkDataUris();
        String uri = uris == null ? null : uris.uriOf(position.pathOf(tag), range);
        if (uri != null || Encapsulated.inMemory(items)) {
            return uri;
        }
        return BulkDataUris.withRange(range != null ? range : Encapsulated.anyReference(items));
    }

    /** The VRs PS3.18 F.2.2 allows a BulkDataURI for. */
    static boolean mayBeBulkData(VR vr) {
        return switch (vr) {
            case DS, FL, FD, IS, LT, OB, OD, OF, OL, OV, OW, SL, SS, ST, SV, UC, UL, UN, US, UT, UV -> true;
            default -> false;
        };
    }
}
