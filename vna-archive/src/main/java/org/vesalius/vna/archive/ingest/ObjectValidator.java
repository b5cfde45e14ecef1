package org.vesalius.vna.archive.ingest;

import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult.Problem;
import org.vesalius.vna.archive.api.ingest.ObjectIds;
import org.vesalius.vna.archive.storage.InstanceKeys;

/**
 * The checks an object passes before anything is stored: the UIDs that identify and place it are
 * present and are UIDs, the data set agrees with its envelope (C-STORE command), and it belongs to
 * the study the request names (STOW-RS).
 */
final class ObjectValidator {

    private ObjectValidator() {
    }

    /** The object's place in the archive. */
    static InstanceRef validate(ParsedObject object, IngestRequest request) throws Refusal {
        ObjectIds ids = object.ids();
        String sopClass = requireUid(object, Tags.SOPClassUID, "SOP Class UID");
        String sopInstance = requireUid(object, Tags.SOPInstanceUID, "SOP Instance UID");
        String study = requireUid(object, Tags.StudyInstanceUID, "Study Instance UID");
        String series = requireUid(object, Tags.SeriesInstanceUID, "Series Instance UID");
        if (request.encoding() instanceof IngestRequest.DataSet ds) {
            if (!ds.sopInstanceUid().strip().equals(sopInstance)) {
                throw new Refusal(ids, Problem.UID_MISMATCH, "the data set's SOP Instance UID " + sopInstance
                        + " differs from the command's Affected SOP Instance UID " + ds.sopInstanceUid(),
                        Tags.SOPInstanceUID);
            }
            if (!ds.sopClassUid().strip().equals(sopClass)) {
                throw new Refusal(ids, Problem.UID_MISMATCH, "the data set's SOP Class UID " + sopClass
                        + " differs from the command's Affected SOP Class UID " + ds.sopClassUid(), Tags.SOPClassUID);
            }
        }
        String expected = request.expectedStudyInstanceUid();
        if (expected != null && !expected.equals(study)) {
            throw new Refusal(ids, Problem.STUDY_MISMATCH, "the instance belongs to study " + study
                    + ", not to study " + expected + " named by the request", Tags.StudyInstanceUID);
        }
        return new InstanceRef(study, series, sopInstance);
    }

    private static String requireUid(ParsedObject object, int tag, String name) throws Refusal {
        String value = object.header().getString(tag);
        if (value == null || value.isEmpty()) {
            int stop = object.stoppedBefore();
            if (stop != -1 && Integer.compareUnsigned(stop, tag) < 0) {
                throw new Refusal(object.ids(), Problem.HEADER_TOO_LARGE, "the header ends before " + name + " "
                        + Tag.toString(tag) + " because element " + Tag.toString(stop)
                        + " does not fit in vna.ingest.max-header-bytes", stop);
            }
            throw new Refusal(object.ids(), Problem.MISSING_ATTRIBUTE, name + " " + Tag.toString(tag)
                    + " is missing or empty", tag);
        }
        if (!InstanceKeys.isValidUid(value)) {
            throw new Refusal(object.ids(), Problem.INVALID_ATTRIBUTE, name + " " + Tag.toString(tag)
                    + " is not a valid UID: \"" + printable(value) + "\"", tag);
        }
        return value;
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c > 0x7E ? '?' : c);
        }
        return sb.toString();
    }
}
