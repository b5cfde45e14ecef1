package org.vesalius.vna.archive.storage;

import java.util.Objects;

/**
 * The key layout for DICOM instances:
 * {@code studies/{StudyInstanceUID}/series/{SeriesInstanceUID}/instances/{SOPInstanceUID}.dcm}.
 * On a filesystem this is a tree any DICOM tool can read; the UIDs make it unique and stable.
 */
public final class InstanceKeys {

    /** Longest UID (PS3.5 §9.1). */
    public static final int MAX_UID_LENGTH = 64;

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
     * Whether {@code uid} is acceptable as a DICOM UID here: 1 to 64 characters, components of
     * digits separated by single dots, no component empty. Padding (a trailing NUL or space)
     * must be removed before. PS3.5 §9.1 also forbids leading zeros in a component, but legacy
     * PACS are full of such UIDs ({@code ...768994.0104484}) and dcmtk accepts them; an archive
     * that consolidates those PACS must not refuse their images, and the UID remains a safe key.
     */
    public static boolean isValidUid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > MAX_UID_LENGTH) {
            return false;
        }
        int componentStart = 0;
        for (int i = 0; i <= uid.length(); i++) {
            if (i == uid.length() || uid.charAt(i) == '.') {
                int len = i - componentStart;
                if (len == 0) {
                    return false;
                }
                componentStart = i + 1;
            } else {
                char c = uid.charAt(i);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
        }
        return true;
    }

    private static String requireUid(String uid, String what) {
        Objects.requireNonNull(uid, what);
        if (!isValidUid(uid)) {
            throw new IllegalArgumentException("invalid " + what + ": \"" + uid + "\"");
        }
        return uid;
    }
}
