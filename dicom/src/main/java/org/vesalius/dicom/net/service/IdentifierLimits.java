package org.vesalius.dicom.net.service;

/**
 * How large the identifier of a C-FIND, C-MOVE or C-GET request may be before an SCP refuses it
 * (status C000, unable to process, with an Error Comment naming the limit), checked while it is
 * read: the data set is never held beyond these bounds. Real identifiers are a few hundred bytes
 * and a few dozen elements; a list of 10,000 SOP Instance UIDs is about 650 KB but one element.
 *
 * @param maxBytes    the most bytes of the identifier, as received and (deflated syntaxes) inflated
 * @param maxElements the most elements, sequence items and fragments, at every nesting level
 *                    together: empty items cost heap far beyond their 8 bytes on the wire
 */
public record IdentifierLimits(long maxBytes, int maxElements) {

    /** 1 MiB and 10,000 elements. */
    public static final IdentifierLimits DEFAULT = new IdentifierLimits(1024 * 1024, 10_000);

    public IdentifierLimits {
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes must be 1.." + (Integer.MAX_VALUE - 8) + ": " + maxBytes);
        }
        if (maxElements < 1) {
            throw new IllegalArgumentException("maxElements must be >= 1: " + maxElements);
        }
    }
}
