package org.vesalius.dicom.io;

import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.VR;

/** Builds File Meta Information (PS3.10 7.1). */
public final class FileMetaInformation {

    /** This toolkit's Implementation Class UID (a UUID-derived UID under 2.25). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.166104157099316915438494973969430513147";
    /** This toolkit's Implementation Version Name. */
    public static final String IMPLEMENTATION_VERSION_NAME = "VESALIUS_010";

    private FileMetaInformation() {
    }

    /** A File Meta for an instance of {@code sopClassUid}/{@code sopInstanceUid} in {@code transferSyntaxUid}. */
    public static Dataset create(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
        Dataset meta = new Dataset(8);
        meta.setBytes(0x00020001, VR.OB, new byte[] {0, 1});
        meta.setString(0x00020002, VR.UI, sopClassUid);
        meta.setString(0x00020003, VR.UI, sopInstanceUid);
        meta.setString(Tag.TRANSFER_SYNTAX_UID, VR.UI, transferSyntaxUid);
        meta.setString(0x00020012, VR.UI, IMPLEMENTATION_CLASS_UID);
        meta.setString(0x00020013, VR.SH, IMPLEMENTATION_VERSION_NAME);
        return meta;
    }

    /** A copy of {@code meta} that declares {@code transferSyntaxUid}. */
    public static Dataset copyWithTransferSyntax(Dataset meta, String transferSyntaxUid) {
        Dataset copy = new Dataset(meta.size() + 1);
        for (int i = 0; i < meta.size(); i++) {
            copy.append(meta.tagAt(i), meta.vrAt(i), meta.valueAt(i));
        }
        copy.setString(Tag.TRANSFER_SYNTAX_UID, VR.UI, transferSyntaxUid);
        return copy;
    }
}
