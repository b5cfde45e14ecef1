package org.vesalius.vna.archive.dicomweb;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.vesalius.dicom.codec.DecodeLimits;
import org.vesalius.dicom.codec.FrameDecoder;
import org.vesalius.dicom.codec.FrameDecoders;
import org.vesalius.dicom.image.PixelDescription;
import org.vesalius.dicom.json.TagPath;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.failure.HttpFailure;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.dicomweb.RetrieveNegotiation.FrameChoice;
import org.vesalius.vna.archive.api.retrieve.BulkData;
import org.vesalius.vna.archive.api.retrieve.Frames;
import org.vesalius.vna.archive.api.retrieve.RetrievePort;

/**
 * WADO-RS frames ({@code …/frames/1,3,5}) and bulk data ({@code …/bulkdata/{tag path}}): pixel
 * data as stored, read by range. Native frames go as {@code application/octet-stream}
 * (little endian); compressed ones as their own media type ({@code image/jpeg}, {@code image/jls},
 * {@code image/jp2}, …) or as {@code application/octet-stream} with the stored
 * {@code transfer-syntax}, whichever the client's Accept prefers; when it takes neither but takes
 * native {@code application/octet-stream} frames, they are decoded (one at a time) if the toolkit
 * has a decoder for them.
 */
final class WadoFrames {

    private final RetrievePort retrieve;
    private final String immutable;
    private final DecodeLimits limits;

    WadoFrames(RetrievePort retrieve, Duration maxAge, DecodeLimits limits) {
        this.retrieve = retrieve;
        this.immutable = "private, max-age=" + maxAge.toSeconds() + ", immutable";
        this.limits = limits;
    }

    WadoResponse frames(InstanceRef ref, String frameList, WadoRequest rq) {
        WadoResponse.Problem bad = WadoProblems.invalidUid(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid());
        if (bad != null) {
            return bad;
        }
        int[] numbers = parseFrames(frameList);
        if (numbers == null) {
            return WadoProblems.badRequest("frames", "frame numbers are positive integers separated by commas, e.g. 1,3,5; got \""
                    + frameList + "\"");
        }
        try {
            Optional<? extends Frames> found = retrieve.pixelData(ref);
            if (found.isEmpty()) {
                return WadoProblems.notFound("instance " + ref.sopInstanceUid() + " has no pixel data, hence no frames");
            }
            Frames p = found.get();
            for (int n : numbers) {
                p.frameLength(n); // FrameOutOfRangeException: 400
            }
            String location = rq.baseUrl() + "/" + WadoRs.path(ref) + "/frames/";
            if (p.encapsulated() && RetrieveNegotiation.frames(rq.accept(), p.transferSyntaxUid(), true, numbers.length).isEmpty()) {
                // Not acceptable as stored: decoded, if the client takes native frames and a decoder can.
                Optional<FrameChoice> nativeChoice = RetrieveNegotiation.frames(rq.accept(), FrameMediaTypes.EXPLICIT_VR_LITTLE_ENDIAN,
                        false, numbers.length);
                PixelDescription stored = retrieve.instance(ref).pixelDescription();
                if (nativeChoice.isPresent() && stored != null) {
                    Optional<String> why = FrameDecoders.unsupported(p.transferSyntaxUid(), stored, limits);
                    if (why.isEmpty()) {
                        return decoded(p, stored, numbers, nativeChoice.get(), location, rq);
                    }
                    if (FrameDecoders.of(p.transferSyntaxUid()).isPresent()) { // a decoder, but not for these frames
                        return WadoProblems.notAcceptable("these frames cannot be decoded: " + why.get() + "; they can be sent"
                                + " as stored, " + FrameMediaTypes.of(p.transferSyntaxUid()) + " or application/octet-stream with"
                                + " transfer-syntax=" + p.transferSyntaxUid());
                    }
                }
            }
            return send(p, numbers, location, rq);
        } catch (RuntimeException e) {
            return WadoProblems.of(e);
        }
    }

    WadoResponse bulkData(InstanceRef ref, String pathText, WadoRequest rq) {
        WadoResponse.Problem bad = WadoProblems.invalidUid(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid());
        if (bad != null) {
            return bad;
        }
        TagPath path = parsePath(pathText);
        if (path == null) {
            return WadoProblems.badRequest("bulkdata", "a bulk data path is hexadecimal tags and item indexes separated by /, e.g. "
                    + "7FE00010 or 00880200/0/7FE00010; got \"" + pathText + "\"");
        }
        try {
            Optional<? extends BulkData> found = retrieve.bulkData(ref, path);
            if (found.isEmpty()) {
                return WadoProblems.notFound("instance " + ref.sopInstanceUid() + " has no value at " + path);
            }
            BulkData v = found.get();
            if (v.pixelData() != null) {
                Frames p = v.pixelData();
                int[] all = new int[p.numberOfFrames()];
                for (int i = 0; i < all.length; i++) {
                    all[i] = i + 1;
                }
                return send(p, all, rq.baseUrl() + "/" + WadoRs.path(ref) + "/frames/", rq);
            }
            Optional<Boolean> multipart = RetrieveNegotiation.bulkData(rq.accept());
            if (multipart.isEmpty()) {
                return WadoProblems.notAcceptable("bulk data is application/octet-stream (little endian), single or multipart; Accept was: "
                        + rq.accept());
            }
            String location = rq.baseUrl() + "/" + WadoRs.path(ref) + "/bulkdata/" + path;
            return value(v, multipart.get(), location, rq);
        } catch (RuntimeException e) {
            return WadoProblems.of(e);
        }
    }

    private WadoResponse send(Frames p, int[] numbers, String location, WadoRequest rq) {
        Optional<FrameChoice> choice = RetrieveNegotiation.frames(rq.accept(), p.transferSyntaxUid(), p.encapsulated(), numbers.length);
        if (choice.isEmpty()) {
            String as = p.encapsulated() ? FrameMediaTypes.of(p.transferSyntaxUid()) + " or application/octet-stream with transfer-syntax="
                    + p.transferSyntaxUid() + " (or *)" : "application/octet-stream (Explicit VR Little Endian)";
            return WadoProblems.notAcceptable("these frames are stored in " + p.transferSyntaxUid() + " and can be sent as " + as
                    + (numbers.length > 1 ? ", multipart" : "") + (p.encapsulated() ? ", or decoded as application/octet-stream when a decoder"
                    + " exists for them (JPEG Baseline, 8-bit JPEG Extended, JPEG 2000, RLE)" : "") + ". Accept was: " + rq.accept());
        }
        FrameChoice c = choice.get();
        String etag = etag(p.version(), java.util.Arrays.toString(numbers), c.partType(), Boolean.toString(c.multipart()));
        List<WadoResponse.Header> headers = cacheHeaders(etag);
        if (WadoRs.matches(rq.ifNoneMatch(), etag)) {
            return new WadoResponse.NotModified(headers);
        }
        if (!c.multipart()) {
            int n = numbers[0];
            return single(c.partType(), p.frameLength(n), headers, rq, () -> p.openFrame(n));
        }
        String boundary = "vesalius-" + etag.replace("\"", "");
        long total = 0;
        for (int i = 0; i < numbers.length; i++) {
            total += MultipartWriter.partHeader(boundary, i == 0, c.partType(), location + numbers[i], p.frameLength(numbers[i])).length
                    + p.frameLength(numbers[i]);
        }
        total += MultipartWriter.close(boundary, numbers.length == 0).length;
        return new WadoResponse.Content(200, "multipart/related; type=\"" + type(c.partType()) + "\"; boundary=" + boundary, total,
                headers, out -> {
                    MultipartWriter w = new MultipartWriter(out, boundary);
                    for (int n : numbers) {
                        w.part(c.partType(), location + n, p.frameLength(n), p.openFrame(n));
                    }
                    w.finish();
                });
    }

    /**
     * Compressed frames decoded into native little endian ones (one frame in memory at a time),
     * for a client that takes {@code application/octet-stream} frames only.
     */
    private WadoResponse decoded(Frames p, PixelDescription stored, int[] numbers, FrameChoice c, String location, WadoRequest rq) {
        FrameDecoder decoder = FrameDecoders.of(p.transferSyntaxUid()).orElseThrow();
        long length = decoder.decoded(stored).frameLength();
        for (int n : numbers) { // each is read whole before it is decoded
            if (p.frameLength(n) > limits.maxFrameBytes()) {
                return WadoProblems.notAcceptable("frame " + n + " is " + p.frameLength(n) + " bytes as stored, more than the "
                        + limits.maxFrameBytes() + " bytes allowed for decoding; it can be sent as stored");
            }
        }
        String etag = etag(p.version(), java.util.Arrays.toString(numbers), c.partType(), Boolean.toString(c.multipart()), "decoded");
        List<WadoResponse.Header> headers = cacheHeaders(etag);
        if (WadoRs.matches(rq.ifNoneMatch(), etag)) {
            return new WadoResponse.NotModified(headers);
        }
        java.util.function.IntFunction<InputStream> frame = n -> {
            try (InputStream in = p.openFrame(n)) {
                return new java.io.ByteArrayInputStream(decoder.decode(in.readAllBytes(), stored, limits));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("frame " + n + " cannot be decoded: " + e.getMessage(), e);
            }
        };
        if (!c.multipart()) {
            // Decoded before the answer starts, so that a frame that cannot be (a codestream claiming
            // more than its data set: FrameSizeException) is a 406, not a broken 200.
            byte[] one;
            try (InputStream in = p.openFrame(numbers[0])) {
                one = decoder.decode(in.readAllBytes(), stored, limits);
            } catch (java.io.IOException e) {
                return WadoProblems.notAcceptable("frame " + numbers[0] + " cannot be decoded: " + e.getMessage());
            }
            return single(c.partType(), length, headers, rq, () -> new java.io.ByteArrayInputStream(one));
        }
        String boundary = "vesalius-" + etag.replace("\"", "");
        return new WadoResponse.Content(200, "multipart/related; type=\"" + type(c.partType()) + "\"; boundary=" + boundary, -1, headers,
                out -> {
                    MultipartWriter w = new MultipartWriter(out, boundary);
                    for (int n : numbers) {
                        w.part(c.partType(), location + n, length, frame.apply(n));
                    }
                    w.finish();
                });
    }

    private WadoResponse value(BulkData v, boolean multipart, String location, WadoRequest rq) {
        String etag = etag(v.version(), location, Boolean.toString(multipart));
        List<WadoResponse.Header> headers = cacheHeaders(etag);
        if (WadoRs.matches(rq.ifNoneMatch(), etag)) {
            return new WadoResponse.NotModified(headers);
        }
        String type = FrameMediaTypes.OCTET_STREAM;
        if (!multipart) {
            return single(type, v.length(), headers, rq, v::open);
        }
        String boundary = "vesalius-" + etag.replace("\"", "");
        byte[] head = MultipartWriter.partHeader(boundary, true, type, location, v.length());
        long total = head.length + v.length() + MultipartWriter.close(boundary, false).length;
        return new WadoResponse.Content(200, "multipart/related; type=\"" + type + "\"; boundary=" + boundary, total, headers, out -> {
            MultipartWriter w = new MultipartWriter(out, boundary);
            w.part(type, location, v.length(), v.open());
            w.finish();
        });
    }

    /** A single-part body of known length, with byte ranges. */
    private static WadoResponse single(String contentType, long length, List<WadoResponse.Header> headers, WadoRequest rq,
            java.util.function.Supplier<InputStream> content) {
        List<WadoResponse.Header> h = new ArrayList<>(headers);
        h.add(new WadoResponse.Header("Accept-Ranges", "bytes"));
        return switch (ByteRange.of(rq.range(), length)) {
            case ByteRange.Part part -> {
                h.add(new WadoResponse.Header("Content-Range", "bytes " + part.range().first() + "-" + part.range().last() + "/" + length));
                yield new WadoResponse.Content(206, contentType, part.range().length(), h, out -> {
                    try (InputStream in = content.get()) {
                        in.skipNBytes(part.range().first());
                        new BoundedCopy(part.range().length()).copy(in, out);
                    }
                });
            }
            case ByteRange.Unsatisfiable u -> new WadoResponse.Problem(new InvalidRequestException(HttpFailure.RANGE,
                    "the content has " + length + " bytes"), List.of(new WadoResponse.Header("Content-Range", "bytes */" + length)));
            case ByteRange.Whole w -> new WadoResponse.Content(200, contentType, length, h, out -> {
                try (InputStream in = content.get()) {
                    in.transferTo(out);
                }
            });
        };
    }

    private List<WadoResponse.Header> cacheHeaders(String etag) {
        return new ArrayList<>(List.of(new WadoResponse.Header("ETag", etag), new WadoResponse.Header("Cache-Control", immutable),
                new WadoResponse.Header("Vary", "Accept")));
    }

    private static String type(String partType) {
        int semi = partType.indexOf(';');
        return semi < 0 ? partType : partType.substring(0, semi);
    }

    static int[] parseFrames(String list) {
        if (list == null || list.isBlank()) {
            return null;
        }
        String[] items = list.split(",");
        int[] out = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            String s = items[i].strip();
            if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
                return null;
            }
            out[i] = Integer.parseInt(s);
        }
        return out;
    }

    static TagPath parsePath(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        String[] steps = text.split("/", -1);
        if (steps.length % 2 == 0) {
            return null;
        }
        try {
            TagPath p = TagPath.of(tag(steps[0]));
            for (int i = 1; i < steps.length; i += 2) {
                if (!steps[i].chars().allMatch(Character::isDigit) || steps[i].isEmpty() || steps[i].length() > 9) {
                    return null;
                }
                p = p.child(Integer.parseInt(steps[i]), tag(steps[i + 1]));
            }
            return p;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int tag(String hex) {
        if (hex.length() != 8) {
            throw new NumberFormatException(hex);
        }
        return Integer.parseUnsignedInt(hex, 16);
    }

    static String etag(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String p : parts) {
                sha.update(p.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return "\"" + HexFormat.of().formatHex(sha.digest(), 0, 16) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
