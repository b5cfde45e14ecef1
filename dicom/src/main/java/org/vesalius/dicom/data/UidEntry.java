package org.vesalius.dicom.data;

import java.util.Objects;

/**
 * One UID of the DICOM UID registry.
 *
 * @param uid the UID, e.g. {@code 1.2.840.10008.1.2}
 * @param name its name, e.g. {@code Implicit VR Little Endian}
 * @param keyword its keyword, e.g. {@code ImplicitVRLittleEndian}; empty for the few UIDs the
 *        standard lists without one
 * @param type its type as PS3.6 writes it: {@code Transfer Syntax}, {@code SOP Class},
 *        {@code Meta SOP Class}, {@code Service Class}, {@code Well-known SOP Instance},
 *        {@code Well-known frame of reference}, {@code Coding Scheme}, ...
 * @param info the standard's remark, e.g. {@code Default Transfer Syntax for DICOM}; often empty
 * @param retired true when the standard marks the UID retired
 */
public record UidEntry(String uid, String name, String keyword, String type, String info,
        boolean retired) {

    /** The {@link #type()} of transfer syntaxes. */
    public static final String TRANSFER_SYNTAX = "Transfer Syntax";

    /** Validates that no component is null. */
    public UidEntry {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(info, "info");
    }

    /** True when this UID names a transfer syntax. */
    public boolean isTransferSyntax() {
        return TRANSFER_SYNTAX.equals(type);
    }
}
