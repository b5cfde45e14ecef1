package org.vesalius.dicom.net.dimse;

/**
 * A DIMSE status code ((0000,0900), PS3.7 Annex C) with its category.
 *
 * @param code the 16-bit status
 */
public record DicomStatus(int code) {

    /** How a status is to be taken (PS3.7 C.1). */
    public enum Category { SUCCESS, WARNING, FAILURE, CANCEL, PENDING }

    /** 0000 Success. */
    public static final DicomStatus SUCCESS = new DicomStatus(0x0000);
    /** FF00 Pending: more matches or sub-operations follow. */
    public static final DicomStatus PENDING = new DicomStatus(0xFF00);
    /** FF01 Pending, with optional keys not supported. */
    public static final DicomStatus PENDING_WARNING = new DicomStatus(0xFF01);
    /** FE00 Cancel. */
    public static final DicomStatus CANCEL = new DicomStatus(0xFE00);
    /** B000 Sub-operations complete, one or more failures or warnings (C-MOVE, C-GET); coercion (C-STORE). */
    public static final DicomStatus SUB_OPERATIONS_WITH_FAILURES = new DicomStatus(0xB000);
    /** B007 Data set does not match SOP Class (warning, C-STORE). */
    public static final DicomStatus DATASET_DOES_NOT_MATCH_SOP_CLASS_WARNING = new DicomStatus(0xB007);
    /** 0107 Attribute list error (warning). */
    public static final DicomStatus ATTRIBUTE_LIST_ERROR = new DicomStatus(0x0107);
    /** A700 Refused: out of resources. */
    public static final DicomStatus OUT_OF_RESOURCES = new DicomStatus(0xA700);
    /** A701 Refused: out of resources, unable to calculate number of matches. */
    public static final DicomStatus OUT_OF_RESOURCES_MATCHES = new DicomStatus(0xA701);
    /** A702 Refused: out of resources, unable to perform sub-operations. */
    public static final DicomStatus OUT_OF_RESOURCES_SUB_OPERATIONS = new DicomStatus(0xA702);
    /** A801 Refused: move destination unknown. */
    public static final DicomStatus MOVE_DESTINATION_UNKNOWN = new DicomStatus(0xA801);
    /** A900 Error: data set does not match SOP Class / identifier does not match SOP Class. */
    public static final DicomStatus DATASET_DOES_NOT_MATCH_SOP_CLASS = new DicomStatus(0xA900);
    /** C000 Error: cannot understand. */
    public static final DicomStatus CANNOT_UNDERSTAND = new DicomStatus(0xC000);
    /** 0110 Processing failure. */
    public static final DicomStatus PROCESSING_FAILURE = new DicomStatus(0x0110);
    /** 0111 Duplicate SOP Instance. */
    public static final DicomStatus DUPLICATE_SOP_INSTANCE = new DicomStatus(0x0111);
    /** 0117 Invalid object instance. */
    public static final DicomStatus INVALID_OBJECT_INSTANCE = new DicomStatus(0x0117);
    /** 0122 Refused: SOP Class not supported. */
    public static final DicomStatus SOP_CLASS_NOT_SUPPORTED = new DicomStatus(0x0122);
    /** 0124 Refused: not authorized. */
    public static final DicomStatus NOT_AUTHORIZED = new DicomStatus(0x0124);
    /** 0211 Unrecognized operation. */
    public static final DicomStatus UNRECOGNIZED_OPERATION = new DicomStatus(0x0211);

    public DicomStatus {
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("status out of range: " + code);
        }
    }

    /** The category of this status, per PS3.7 C.1 and the service-specific ranges of PS3.4. */
    public Category category() {
        if (code == 0x0000) {
            return Category.SUCCESS;
        }
        if (code == 0xFF00 || code == 0xFF01) {
            return Category.PENDING;
        }
        if (code == 0xFE00) {
            return Category.CANCEL;
        }
        if (code == 0x0001 || code == 0x0107 || code == 0x0116 || (code & 0xF000) == 0xB000) {
            return Category.WARNING;
        }
        return Category.FAILURE;
    }

    /** True for success. */
    public boolean isSuccess() {
        return category() == Category.SUCCESS;
    }

    /** True for pending. */
    public boolean isPending() {
        return category() == Category.PENDING;
    }

    /** True when the operation is over without failure (success or warning). */
    public boolean isSuccessOrWarning() {
        Category c = category();
        return c == Category.SUCCESS || c == Category.WARNING;
    }

    @Override
    public String toString() {
        return String.format("%04X %s", code, category());
    }
}
