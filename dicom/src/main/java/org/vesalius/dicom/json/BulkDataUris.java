package org.vesalius.dicom.json;

import org.vesalius.dicom.data.BulkDataRef;

/**
 * The URI form of a {@link BulkDataRef} that carries a byte range: {@code uri?offset=N&length=M}
 * (or {@code &offset=…} when the URI already has a query), and its parsing back.
 */
public final class BulkDataUris {

    private BulkDataUris() {
    }

    /** The reference as one URI: its own when it has no range, else with offset and length appended. */
    public static String withRange(BulkDataRef ref) {
        if (ref.offset() < 0 && ref.length() < 0) {
            return ref.uri();
        }
        StringBuilder sb = new StringBuilder(ref.uri().length() + 32).append(ref.uri());
        sb.append(ref.uri().indexOf('?') >= 0 ? '&' : '?');
        sb.append("offset=").append(Math.max(ref.offset(), 0));
        if (ref.length() >= 0) {
            sb.append("&length=").append(ref.length());
        }
        return sb.toString();
    }

    /**
     * Parses what {@link #withRange} produced: a URI whose query ends with {@code offset} and
     * optionally {@code length} becomes a reference with that range; anything else a reference
     * located by the URI alone.
     */
    public static BulkDataRef parse(String uri) {
        int q = uri.lastIndexOf("offset=");
        if (q <= 0 || uri.charAt(q - 1) != '?' && uri.charAt(q - 1) != '&') {
            return BulkDataRef.of(uri);
        }
        String range = uri.substring(q + "offset=".length());
        int amp = range.indexOf("&length=");
        try {
            long offset = Long.parseLong(amp < 0 ? range : range.substring(0, amp));
            long length = amp < 0 ? -1 : Long.parseLong(range.substring(amp + "&length=".length()));
            if (offset < 0 || amp >= 0 && length < 0) {
                return BulkDataRef.of(uri);
            }
            return new BulkDataRef(uri.substring(0, q - 1), offset, length);
        } catch (NumberFormatException e) {
            return BulkDataRef.of(uri);
        }
    }
}
