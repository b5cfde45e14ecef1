package org.vesalius.vna.archive.api.query;

/**
 * The order of a query's results above the instance level. Ties are always broken by the unique
 * keys (Study Instance UID, then Series Number and Series Instance UID, ...), so every order is
 * total and paging through it is repeatable. Patients are always ordered by their key.
 */
public enum QueryOrder {
    /** Newest study first: Study Date, Study Time descending, missing last. The default. */
    STUDY_DATE_DESC,
    /** Oldest study first: Study Date, Study Time ascending, missing last. */
    STUDY_DATE_ASC,
    /**
     * Most recently received first: by the latest receipt among the entity's <em>matching</em>
     * instances (so a relational key can move an entity), then as {@link #STUDY_DATE_DESC}.
     * Paged by offset only.
     */
    RECEIVED_DESC,
    /** Earliest received first: by the earliest receipt among the matching instances. Paged by offset only. */
    RECEIVED_ASC;

    /** True for the orders whose positions can be continued with {@link Query#after()}. */
    public boolean keyset() {
        return this == STUDY_DATE_DESC || this == STUDY_DATE_ASC;
    }
}
