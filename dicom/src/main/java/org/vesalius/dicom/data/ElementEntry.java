package org.vesalius.dicom.data;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the data dictionary knows about one data element.
 *
 * @param tag the tag that was looked up; for repeating-group and private elements this is the
 *        concrete tag (e.g. 0x60023000), not the dictionary's pattern (60xx,3000)
 * @param keyword the PS3.6 keyword, e.g. {@code PatientName}; empty for private elements and for
 *        the generic Group Length and Private Creator entries
 * @param name the PS3.6 name, e.g. {@code Patient's Name}, or the private dictionary's name
 * @param vrs the permitted VRs in the standard's order, e.g. [OB, OW] for Pixel Data; empty for
 *        items and delimiters, which have no VR
 * @param vm the value multiplicity as PS3.6 writes it: {@code 1}, {@code 1-n}, {@code 2-2n}, ...
 * @param retired true when the standard (or the private dictionary) marks the element retired
 */
public record ElementEntry(int tag, String keyword, String name, List<VR> vrs, String vm,
        boolean retired) {

    /** Validates the components and makes {@code vrs} an immutable copy. */
    public ElementEntry {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vm, "vm");
        vrs = List.copyOf(vrs);
    }

    /** This entry for a concrete tag matched by a pattern. */
    ElementEntry withTag(int concreteTag) {
        return concreteTag == tag ? this
                : new ElementEntry(concreteTag, keyword, name, vrs, vm, retired);
    }

    /** Formats as {@code (0010,0010) PN 1 PatientName}, for logs and test failures. */
    @Override
    public String toString() {
        String vr = vrs.isEmpty() ? "-"
                : vrs.stream().map(VR::name).collect(Collectors.joining("/"));
        return Tag.toString(tag) + " " + vr + " " + vm + " " + (keyword.isEmpty() ? name : keyword)
                + (retired ? " (retired)" : "");
    }
}
