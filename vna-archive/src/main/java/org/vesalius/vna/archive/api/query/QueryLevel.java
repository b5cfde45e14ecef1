package org.vesalius.vna.archive.api.query;

import java.util.Locale;
import org.vesalius.dicom.data.Tags;

/**
 * The level a query asks for, from the top of the Patient Root hierarchy down. QIDO-RS uses
 * {@link #STUDY}, {@link #SERIES} and {@link #INSTANCE}; C-FIND Patient Root also {@link #PATIENT}.
 */
public enum QueryLevel {
    PATIENT("PATIENT", Tags.PatientID),
    STUDY("STUDY", Tags.StudyInstanceUID),
    SERIES("SERIES", Tags.SeriesInstanceUID),
    INSTANCE("IMAGE", Tags.SOPInstanceUID);

    private final String dicomName;
    private final int uniqueKey;

    QueryLevel(String dicomName, int uniqueKey) {
        this.dicomName = dicomName;
        this.uniqueKey = uniqueKey;
    }

    /** The value of Query/Retrieve Level (0008,0052): PATIENT, STUDY, SERIES or IMAGE. */
    public String dicomName() {
        return dicomName;
    }

    /** The unique key of the level (PS3.4 C.6): Patient ID, Study, Series or SOP Instance UID. */
    public int uniqueKey() {
        return uniqueKey;
    }

    /** True when this level lies below {@code other} (INSTANCE is below SERIES). */
    public boolean isBelow(QueryLevel other) {
        return ordinal() > other.ordinal();
    }

    /**
     * The level named by a Query/Retrieve Level value; padding and case are ignored.
     *
     * @throws InvalidQueryException when the value names no level
     */
    public static QueryLevel ofDicomName(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (QueryLevel level : values()) {
            if (level.dicomName.equals(v)) {
                return level;
            }
        }
        throw new InvalidQueryException("QueryRetrieveLevel",
                "'" + value + "' is not PATIENT, STUDY, SERIES or IMAGE");
    }
}
