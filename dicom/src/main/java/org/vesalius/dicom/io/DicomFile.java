package org.vesalius.dicom.io;

import java.util.Objects;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tag;

/**
 * A Part 10 file as read or to be written: preamble, File Meta Information, data set, and what
 * surrounded them in the input (kept for bit-preserving rewrites).
 *
 * @param preamble       the 128-byte preamble, or null when the input had none
 * @param magic          true when the input carried "DICM"
 * @param fileMeta       the File Meta Information (group 0002), or null when absent
 * @param dataset        the data set
 * @param transferSyntax the encoding of the data set
 * @param trailingBytes  padding found after the data set, or null
 * @param irregularities what was irregular but readable (duplicate or unordered elements); when
 *                       not empty, a bit-preserving rewrite cannot reproduce the input exactly
 */
public record DicomFile(byte[] preamble, boolean magic, Dataset fileMeta, Dataset dataset,
        TransferSyntax transferSyntax, byte[] trailingBytes, java.util.List<String> irregularities) {

    public DicomFile {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(transferSyntax, "transferSyntax");
        irregularities = irregularities == null ? java.util.List.of() : java.util.List.copyOf(irregularities);
    }

    /**
     * A standard Part 10 file for {@code dataset} in {@code syntax}: zero preamble, magic, and a
     * File Meta built from the data set's SOP Class and Instance UIDs.
     */
    public static DicomFile of(Dataset dataset, TransferSyntax syntax) {
        Dataset meta = FileMetaInformation.create(
                dataset.getString(0x00080016, ""), dataset.getString(0x00080018, ""), syntax.uid());
        return new DicomFile(new byte[128], true, meta, dataset, syntax, null, null);
    }

    /** The same data set in another transfer syntax, with a File Meta that says so. */
    public DicomFile withTransferSyntax(TransferSyntax syntax) {
        Dataset meta = fileMeta == null
                ? FileMetaInformation.create(dataset.getString(0x00080016, ""), dataset.getString(0x00080018, ""), syntax.uid())
                : FileMetaInformation.copyWithTransferSyntax(fileMeta, syntax.uid());
        return new DicomFile(preamble == null ? new byte[128] : preamble, true, meta, dataset, syntax, null, null);
    }

    /** The Transfer Syntax UID the File Meta declares, or null. */
    public String declaredTransferSyntaxUid() {
        return fileMeta == null ? null : fileMeta.getString(Tag.TRANSFER_SYNTAX_UID);
    }
}
