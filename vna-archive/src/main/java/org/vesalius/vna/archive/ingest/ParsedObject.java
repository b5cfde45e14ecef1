package org.vesalius.vna.archive.ingest;

import java.io.InputStream;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.vna.archive.api.ingest.ObjectIds;

/**
 * An object whose header has been parsed, ready to be stored.
 *
 * @param fileMeta          the File Meta Information (read, or built for a bare data set)
 * @param header            the data set up to where {@link HeaderStop} cut it; mutable
 * @param syntax            the data set's encoding as read
 * @param transferSyntaxUid the declared Transfer Syntax UID
 * @param stoppedBefore     the tag of the top-level element the header ends before, or -1 when
 *                          the parse read the whole data set
 * @param content           the whole object as it is to be stored: the captured header bytes,
 *                          then the rest of the sender's stream (checked for completeness on the
 *                          way), with a File Meta in front for a bare data set
 */
record ParsedObject(Dataset fileMeta, Dataset header, TransferSyntax syntax, String transferSyntaxUid,
        int stoppedBefore, InputStream content) {

    /** The UIDs as far as the header has them. */
    ObjectIds ids() {
        return new ObjectIds(header.getString(Tags.SOPClassUID), header.getString(Tags.SOPInstanceUID),
                header.getString(Tags.StudyInstanceUID));
    }
}
