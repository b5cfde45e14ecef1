package org.vesalius.vna.archive.api.query;

import java.util.List;
import java.util.Objects;
import org.vesalius.dicom.data.VR;

/**
 * An attribute the archive knows at a query level: whether and how it can be matched, and
 * whether QIDO-RS returns it by default (PS3.18 Table 10.6.3-3 to -5).
 *
 * @param tag          the tag
 * @param keyword      the standard keyword, which is also its field name in the index
 * @param vr           the VR
 * @param level        the level it belongs to
 * @param kind         how it matches; {@link MatchKind#NONE} for return-only attributes
 * @param matchedVia   the tag whose indexed values it is matched against: its own tag, or for
 *                     ModalitiesInStudy the Modality of the study's series and for
 *                     SOPClassesInStudy the SOP Class UID of its instances
 * @param qidoDefault  returned by QIDO-RS without {@code includefield}
 * @param items        for a sequence: the item attributes that can be matched
 */
public record QueryAttribute(int tag, String keyword, VR vr, QueryLevel level, MatchKind kind,
        int matchedVia, boolean qidoDefault, List<QueryAttribute> items) {

    /** How the values of an attribute are compared. */
    public enum MatchKind {
        /** Case-sensitive text: single value, wild card (if the VR allows it), CS lists. */
        TEXT,
        /** Person name: case- and accent-insensitive, on every component group; wild card. */
        PERSON_NAME,
        /** UID: single value or list of UIDs, no wild card. */
        UID,
        /** IS, US, UL, SS, SL: compared as numbers. */
        INTEGER,
        /** DA: single date or range. */
        DATE,
        /** TM: single time or range. */
        TIME,
        /** DT: single value or range, on the local date-time. */
        DATE_TIME,
        /** SQ: sequence matching on {@link QueryAttribute#items()}. */
        SEQUENCE,
        /** Not matched: returned only (counts such as NumberOfStudyRelatedSeries, text fields). */
        NONE
    }

    public QueryAttribute {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(vr, "vr");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(kind, "kind");
        items = List.copyOf(items);
    }

    /** True when a value for this attribute can restrict the matches. */
    public boolean matchable() {
        return kind != MatchKind.NONE;
    }

    /** True when the VR allows wild card matching (PS3.4 C.2.2.2.4). */
    public boolean allowsWildcards() {
        return switch (vr) {
            case AE, CS, LO, LT, PN, SH, ST, UC, UR, UT -> true;
            default -> false;
        };
    }

    /** The item attribute with this tag, or null. */
    public QueryAttribute item(int itemTag) {
        for (QueryAttribute a : items) {
            if (a.tag == itemTag) {
                return a;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return keyword;
    }
}
