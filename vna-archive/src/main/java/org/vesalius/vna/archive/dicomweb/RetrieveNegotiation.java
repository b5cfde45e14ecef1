package org.vesalius.vna.archive.dicomweb;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Content negotiation for WADO-RS and WADO-URI (PS3.18 8.7): the Accept header's ranges, best
 * q-value first (ties in header order), each read as a request for a representation. Whether an
 * instance can be given in it, as stored or transcoded, is decided by {@link WadoRs} and
 * {@link InstanceServing}; compressed frames are decoded by {@link WadoFrames} when only native ones are taken. A range that cannot be served is passed
 * over, and when none is left the answer is 406, never a silent substitution.
 *
 * <p>Ranges are read as viewers send them: a multipart range without {@code type} means the
 * resource's default part type; {@code transfer-syntax=*} (quoted or not) means "as stored";
 * a missing {@code transfer-syntax} means the media type's default (Explicit VR Little Endian
 * for {@code application/dicom} and {@code application/octet-stream}); {@code *}{@code /*} means
 * "whatever you have", which is as stored.
 */
final class RetrieveNegotiation {

    private RetrieveNegotiation() {
    }

    /** A DICOM representation: multipart or single part, and the transfer syntax, null for "as stored". */
    record DicomChoice(boolean multipart, String syntax) {

        boolean accepts(String stored) {
            return syntax == null || syntax.equals(stored);
        }
    }

    /** A frame representation: multipart or single part, and the media type of its parts ("as stored"). */
    record FrameChoice(boolean multipart, String partType) {
    }

    /** The DICOM representations the header accepts, best first. */
    static List<DicomChoice> dicom(String accept, boolean singlePartAllowed) {
        List<DicomChoice> out = new ArrayList<>();
        for (AcceptHeader.Range r : sorted(accept)) {
            MediaType m = r.mediaType();
            String essence = m.essence();
            String ts = syntax(m);
            if (essence.equals("*/*") || essence.equals("application/*") || essence.equals("multipart/*") && !m.parameter("type").isPresent()) {
                out.add(new DicomChoice(true, ts == null || ts.equals("*") ? null : ts));
            } else if (essence.equals("multipart/related") || essence.equals("multipart/*")) {
                String type = partType(m, "application/dicom");
                if (type.equals("application/dicom") || type.equals("*/*")) {
                    out.add(new DicomChoice(true, ts == null ? (type.equals("*/*") ? null : FrameMediaTypes.EXPLICIT_VR_LITTLE_ENDIAN)
                            : ts.equals("*") ? null : ts));
                }
            } else if (essence.equals("application/dicom") && singlePartAllowed) {
                out.add(new DicomChoice(false, ts == null ? FrameMediaTypes.EXPLICIT_VR_LITTLE_ENDIAN : ts.equals("*") ? null : ts));
            }
        }
        return out;
    }

    /**
     * How frames stored in {@code storedSyntax} can be sent to this header, if at all.
     *
     * @param encapsulated whether they are compressed
     * @param count        how many frames are asked for (a single-part answer carries one)
     */
    static Optional<FrameChoice> frames(String accept, String storedSyntax, boolean encapsulated, int count) {
        String compressedType = FrameMediaTypes.of(storedSyntax);
        for (AcceptHeader.Range r : sorted(accept)) {
            MediaType m = r.mediaType();
            String essence = m.essence();
            boolean multipart = essence.startsWith("multipart/") || essence.equals("*/*");
            if (!multipart && count != 1) {
                continue;
            }
            String type = essence.startsWith("multipart/") ? partType(m, FrameMediaTypes.OCTET_STREAM) : essence;
            String ts = syntax(m);
            String part = partFor(type, ts, storedSyntax, encapsulated, compressedType);
            if (part != null) {
                return Optional.of(new FrameChoice(multipart, part));
            }
        }
        return Optional.empty();
    }

    /** Whether the header accepts JSON (metadata). */
    static boolean json(String accept) {
        for (AcceptHeader.Range r : sorted(accept)) {
            String e = r.mediaType().essence();
            if (e.equals("application/dicom+json") || e.equals("application/json") || e.equals("*/*") || e.equals("application/*")) {
                return true;
            }
        }
        return false;
    }

    /**
     * How a plain bulk data value (little endian bytes) can be sent: {@code true} multipart,
     * {@code false} single part, empty when not at all.
     */
    static Optional<Boolean> bulkData(String accept) {
        for (AcceptHeader.Range r : sorted(accept)) {
            MediaType m = r.mediaType();
            String essence = m.essence();
            String ts = syntax(m);
            boolean littleEndian = ts == null || ts.equals("*") || ts.equals(FrameMediaTypes.EXPLICIT_VR_LITTLE_ENDIAN);
            if (!littleEndian) {
                continue;
            }
            if (essence.equals("*/*")) {
                return Optional.of(true);
            }
            if (essence.startsWith("multipart/")) {
                String type = partType(m, FrameMediaTypes.OCTET_STREAM);
                if (type.equals(FrameMediaTypes.OCTET_STREAM) || type.equals("*/*") || type.equals("application/*")) {
                    return Optional.of(true);
                }
            } else if (essence.equals(FrameMediaTypes.OCTET_STREAM) || essence.equals("application/*")) {
                return Optional.of(false);
            }
        }
        return Optional.empty();
    }

    private static String partFor(String type, String ts, String stored, boolean encapsulated, String compressedType) {
        String asStored = encapsulated ? stored : FrameMediaTypes.EXPLICIT_VR_LITTLE_ENDIAN;
        if (type.equals(FrameMediaTypes.OCTET_STREAM)) {
            boolean ok = encapsulated ? "*".equals(ts) || stored.equals(ts)
                    : ts == null || "*".equals(ts) || ts.equals(FrameMediaTypes.EXPLICIT_VR_LITTLE_ENDIAN) || ts.equals(stored);
            return ok ? FrameMediaTypes.OCTET_STREAM + "; transfer-syntax=" + asStored : null;
        }
        if (type.equals("*/*") || type.equals("image/*") && encapsulated || type.equals("video/*") && encapsulated) {
            boolean ok = ts == null || "*".equals(ts) || ts.equals(asStored);
            String media = encapsulated ? compressedType : FrameMediaTypes.OCTET_STREAM;
            return ok ? media + "; transfer-syntax=" + asStored : null;
        }
        if (encapsulated && type.equals(compressedType)) {
            boolean ok = ts == null ? stored.equals(FrameMediaTypes.defaultSyntax(type)) : "*".equals(ts) || ts.equals(stored);
            return ok ? type + "; transfer-syntax=" + stored : null;
        }
        return null;
    }

    private static String partType(MediaType multipart, String dflt) {
        return multipart.parameter("type").map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).orElse(dflt);
    }

    private static String syntax(MediaType m) {
        return m.parameter("transfer-syntax").map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    }

    /** The ranges with q above 0, best first, ties in header order. */
    private static List<AcceptHeader.Range> sorted(String accept) {
        List<AcceptHeader.Range> ranges = new ArrayList<>(AcceptHeader.parse(accept).ranges());
        ranges.removeIf(r -> r.q() <= 0);
        ranges.sort(Comparator.comparingDouble(AcceptHeader.Range::q).reversed());
        return ranges;
    }
}
