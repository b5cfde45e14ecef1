package org.vesalius.dicom.io;

import java.util.Objects;

/**
 * How a data set is encoded: VR explicit or implicit, byte order, whether the data set is
 * deflated, and whether pixel data is encapsulated (compressed or otherwise fragmented).
 *
 * <p>Every transfer syntax other than the four native ones is read and written as Explicit VR
 * Little Endian with encapsulated pixel data passed through as fragments, so new compression
 * syntaxes need no code change.
 *
 * @param uid          the Transfer Syntax UID
 * @param explicitVR   true when each element carries its VR
 * @param bigEndian    true for the retired Explicit VR Big Endian
 * @param deflated     true when the data set after the File Meta is deflate-compressed
 * @param encapsulated true when pixel data is encapsulated
 */
public record TransferSyntax(String uid, boolean explicitVR, boolean bigEndian, boolean deflated, boolean encapsulated) {

    /** 1.2.840.10008.1.2 Implicit VR Little Endian: the default transfer syntax of DICOM. */
    public static final TransferSyntax IMPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax("1.2.840.10008.1.2", false, false, false, false);
    /** 1.2.840.10008.1.2.1 Explicit VR Little Endian. */
    public static final TransferSyntax EXPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax("1.2.840.10008.1.2.1", true, false, false, false);
    /** 1.2.840.10008.1.2.1.99 Deflated Explicit VR Little Endian. */
    public static final TransferSyntax DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = new TransferSyntax("1.2.840.10008.1.2.1.99", true, false, true, false);
    /** 1.2.840.10008.1.2.2 Explicit VR Big Endian (retired; read, and written for round trips). */
    public static final TransferSyntax EXPLICIT_VR_BIG_ENDIAN = new TransferSyntax("1.2.840.10008.1.2.2", true, true, false, false);

    /** 1.2.840.10008.1.2.4.95 JPIP Referenced Deflate: a deflated data set without pixel data. */
    private static final String JPIP_REFERENCED_DEFLATE = "1.2.840.10008.1.2.4.95";
    /** 1.2.840.10008.1.2.4.94 JPIP Referenced: explicit little endian without pixel data. */
    private static final String JPIP_REFERENCED = "1.2.840.10008.1.2.4.94";

    public TransferSyntax {
        Objects.requireNonNull(uid, "uid");
    }

    /**
     * The transfer syntax for {@code uid}. Trailing NUL or space padding is removed. Unknown UIDs
     * are taken as Explicit VR Little Endian with encapsulated pixel data.
     */
    public static TransferSyntax of(String uid) {
        String u = strip(uid);
        return switch (u) {
            case "1.2.840.10008.1.2" -> IMPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.1" -> EXPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.1.99" -> DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
            case "1.2.840.10008.1.2.2" -> EXPLICIT_VR_BIG_ENDIAN;
            case JPIP_REFERENCED_DEFLATE -> new TransferSyntax(u, true, false, true, false);
            case JPIP_REFERENCED -> new TransferSyntax(u, true, false, false, false);
            default -> new TransferSyntax(u, true, false, false, true);
        };
    }

    /** True for the syntaxes whose pixel data is native (not encapsulated). */
    public boolean isNative() {
        return !encapsulated;
    }

    private static String strip(String uid) {
        int end = uid.length();
        while (end > 0 && (uid.charAt(end - 1) == '\0' || uid.charAt(end - 1) == ' ')) {
            end--;
        }
        int start = 0;
        while (start < end && uid.charAt(start) == ' ') {
            start++;
        }
        return uid.substring(start, end);
    }
}
