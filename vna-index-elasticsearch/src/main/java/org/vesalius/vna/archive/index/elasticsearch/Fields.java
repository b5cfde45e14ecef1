package org.vesalius.vna.archive.index.elasticsearch;

import org.vesalius.dicom.data.Tag;
import org.vesalius.vna.archive.api.query.QueryAttribute;
import org.vesalius.vna.archive.api.query.QueryAttributes;

/**
 * Field names of the instance document. DICOM attributes are mapped under their keyword
 * (upper camel case); the archive's own fields live under {@code vna} (lower case, so they never
 * meet a keyword).
 */
final class Fields {

    static final String PATIENT_KEY = "vna.patientKey";
    /** What a document describes: INSTANCE, or the summary of a STUDY or SERIES. */
    static final String LEVEL = "vna.level";
    static final String DATASET = "vna.dataset";
    static final String DATE_TIMES = "vna.dt";
    static final String RECEIVED_AT = "vna.receivedAt";
    /** Person name sub-fields: the three component groups and all of them together. */
    static final String[] PN_GROUPS = {"a", "i", "p"};
    static final String PN_ANY = "any";

    private Fields() {
    }

    /** The field an attribute is matched on (ModalitiesInStudy: Modality; in items: the full path). */
    static String of(QueryAttribute attribute, String parentPath) {
        String keyword = attribute.matchedVia() == attribute.tag() ? attribute.keyword()
                : QueryAttributes.get(attribute.matchedVia()).keyword();
        return parentPath == null ? keyword : parentPath + "." + keyword;
    }

    /** The stored-dataset path of a tag, for source filtering. */
    static String stored(int tag) {
        return DATASET + "." + Tag.toHexString(tag);
    }

    /** The combined date-time bounds of a DA attribute with its TM partner. */
    static String dateTime(String dateKeyword, String bound) {
        return DATE_TIMES + "." + dateKeyword + "." + bound;
    }

    /** The patient key: Patient ID and issuer, joined by a backslash (which neither may contain). */
    static String patientKey(String id, String issuer) {
        return id + "\\" + issuer;
    }
}
