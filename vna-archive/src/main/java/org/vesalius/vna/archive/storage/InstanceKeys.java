package org.vesalius.vna.archive.storage;

import java.util.Objects;
import org.vesalius.vna.archive.api.InstanceRef;

/**
 * The key layout for DICOM instances:
 * {@code studies/{StudyInstanceUID}/series/{SeriesInstanceUID}/instances/{SOPInstanceUID}.dcm}.
 * On a filesystem this is a tree any DICOM tool can read; the UIDs make it unique and stable.
 */
public final class InstanceKeys {

    /** Longest UID (PS3.5 §9.1). */
    public static final int MAX_UID_LENGTH = InstanceRef.MAX_UID_LENGTH;

    private InstanceKeys() {
    }

    /**
     * The key of an instance.
     *
     * @throws IllegalArgumentException if a UID is not a valid DICOM UID ({@link #isValidUid})
     */
    public static BlobKey instance(String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid) {
        return BlobKey.of(seriesPrefix(studyInstanceUid, seriesInstanceUid) + "instances/"
                + requireUid(sopInstanceUid, "SOP Instance UID") + ".dcm");
    }

    /** {@code studies/{StudyInstanceUID}/}: lists every object of a study. */
    public static String studyPrefix(String studyInstanceUid) {
        return "studies/" + requireUid(studyInstanceUid, "Study Instance UID") + "/";
    }

    /** {@code studies/{StudyInstanceUID}/series/{SeriesInstanceUID}/}: lists a series. */
    public static String seriesPrefix(String studyInstanceUid, String seriesInstanceUid) {
        return studyPrefix(studyInstanceUid) + "series/" + requireUid(seriesInstanceUid, "Series Instance UID") + "/";
    }

    /**
     * Whether {@code uid} is acceptable as a key component: the archive's one UID rule,
     * {@link InstanceRef#isValidUid}.
     */
    public static boolean isValidUid(String uid) {
        return InstanceRef.isValidUid(uid);
    }

    private static String requireUid(String uid, String what) {
        Objects.requireNonNull(uid, what);
        if (!isValidUid(uid)) {
            throw new IllegalArgumentException("invalid " + what + ": \"" + uid + "\"");
        }
        return uid;
    }
}
