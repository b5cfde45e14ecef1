package org.vesalius.vna.archive.dicomweb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The media types of compressed frames (PS3.18 Table 8.7.3-2): which transfer syntaxes each
 * carries, and which one it means when a request names no {@code transfer-syntax}.
 */
final class FrameMediaTypes {

    /** Explicit VR Little Endian: native frames, and the default of {@code application/octet-stream}. */
    static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    static final String OCTET_STREAM = "application/octet-stream";

    private static final Map<String, String> BY_SYNTAX = new LinkedHashMap<>();
    private static final Map<String, String> DEFAULT_SYNTAX = new LinkedHashMap<>();

    static {
        add("image/jpeg", "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51", "1.2.840.10008.1.2.4.57", "1.2.840.10008.1.2.4.70");
        add("image/jls", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.81");
        add("image/jp2", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91");
        add("image/jpx", "1.2.840.10008.1.2.4.92", "1.2.840.10008.1.2.4.93");
        add("image/jphc", "1.2.840.10008.1.2.4.201", "1.2.840.10008.1.2.4.202", "1.2.840.10008.1.2.4.203");
        add("image/jxl", "1.2.840.10008.1.2.4.110", "1.2.840.10008.1.2.4.111", "1.2.840.10008.1.2.4.112");
        add("image/dicom-rle", "1.2.840.10008.1.2.5");
        add("video/mpeg", "1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.101");
        add("video/mp4", "1.2.840.10008.1.2.4.102", "1.2.840.10008.1.2.4.103", "1.2.840.10008.1.2.4.104",
                "1.2.840.10008.1.2.4.105", "1.2.840.10008.1.2.4.106", "1.2.840.10008.1.2.4.107", "1.2.840.10008.1.2.4.108");
    }

    private FrameMediaTypes() {
    }

    private static void add(String mediaType, String... syntaxes) {
        DEFAULT_SYNTAX.put(mediaType, syntaxes[0]);
        for (String s : syntaxes) {
            BY_SYNTAX.put(s, mediaType);
        }
    }

    /** The media type of frames compressed in {@code syntax}; {@code application/octet-stream} when there is none. */
    static String of(String syntax) {
        return BY_SYNTAX.getOrDefault(syntax, OCTET_STREAM);
    }

    /** The transfer syntax {@code mediaType} means without a {@code transfer-syntax} parameter, or null. */
    static String defaultSyntax(String mediaType) {
        return OCTET_STREAM.equals(mediaType) ? EXPLICIT_VR_LITTLE_ENDIAN : DEFAULT_SYNTAX.get(mediaType);
    }
}
