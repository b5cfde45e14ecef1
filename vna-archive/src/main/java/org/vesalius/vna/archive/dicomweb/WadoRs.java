package org.vesalius.vna.archive.dicomweb;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.vesalius.dicom.codec.DecodeLimits;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.failure.HttpFailure;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.retrieve.InstanceMetadata;
import org.vesalius.vna.archive.api.retrieve.RenderPort;
import org.vesalius.vna.archive.api.retrieve.ResolvedInstance;
import org.vesalius.vna.archive.api.retrieve.RetrievePort;
import org.vesalius.vna.archive.api.retrieve.RetrieveScope;
import org.vesalius.vna.archive.api.retrieve.ServedInstance;
import org.vesalius.vna.archive.dicomweb.RetrieveNegotiation.DicomChoice;

/**
 * WADO-RS (PS3.18 10.4) without a web framework: the HTTP edge passes the path, the few headers
 * that matter and the base URL, and writes the {@link WadoResponse} it gets. Study, series and
 * instance retrieval as {@code multipart/related; type="application/dicom"} (a single instance
 * also as {@code application/dicom}), metadata as DICOM JSON; frames and bulk data in
 * {@link WadoFrames}. Everything goes through the one {@link RetrievePort}.
 *
 * <p>Caching: a single instance has a strong ETag (it changes when a journal entry starts to
 * apply) and {@code Cache-Control: private, no-cache}, so clients revalidate with
 * {@code If-None-Match} and get 304; frames and bulk data, which the journal never changes, are
 * {@code immutable} for the configured time. Responses are {@code private}: they carry patient
 * data.
 */
public final class WadoRs {

    static final String REVALIDATE = "private, no-cache";

    private final RetrievePort retrieve;
    private final WadoFrames frames;
    private final WadoRendered rendered;

    /**
     * @param retrieve    resolves scopes and serves instances, frames, bulk data and metadata
     * @param render      renders frames (/rendered, /thumbnail)
     * @param pixelMaxAge how long clients may keep frames and bulk data without asking again
     */
    public WadoRs(RetrievePort retrieve, RenderPort render, Duration pixelMaxAge) {
        this(retrieve, render, pixelMaxAge, DecodeLimits.DEFAULT);
    }

    /**
     * @param retrieve     resolves scopes and serves instances, frames, bulk data and metadata
     * @param render       renders frames (/rendered, /thumbnail)
     * @param pixelMaxAge  how long clients may keep frames and bulk data without asking again
     * @param decodeLimits how large a frame decoded for a client that takes native frames only may be
     */
    public WadoRs(RetrievePort retrieve, RenderPort render, Duration pixelMaxAge, DecodeLimits decodeLimits) {
        this.retrieve = Objects.requireNonNull(retrieve, "retrieve");
        this.frames = new WadoFrames(retrieve, pixelMaxAge, Objects.requireNonNull(decodeLimits, "decodeLimits"));
        this.rendered = new WadoRendered(Objects.requireNonNull(render, "render"));
    }

    /** Study ({@code series} and {@code sop} null), series ({@code sop} null) or instance retrieval. */
    public WadoResponse retrieve(String study, String series, String sop, WadoRequest rq) {
        WadoResponse.Problem bad = WadoProblems.invalidUid(study, series, sop);
        if (bad != null) {
            return bad;
        }
        try {
            List<? extends ResolvedInstance> found = retrieve.resolve(scope(study, series, sop));
            if (found.isEmpty()) {
                return WadoProblems.notFound(what(study, series, sop) + " is not in the archive");
            }
            List<DicomChoice> choices = RetrieveNegotiation.dicom(rq.accept(), sop != null);
            if (choices.isEmpty()) {
                return WadoProblems.notAcceptable("instances are sent as multipart/related; type=\"application/dicom\""
                        + (sop != null ? " or application/dicom" : "") + "; Accept was: " + rq.accept());
            }
            if (sop != null) {
                ServedInstance instance = found.get(0).open();
                Set<String> refusals = new LinkedHashSet<>();
                for (DicomChoice c : choices) {
                    if (c.accepts(instance.transferSyntaxUid())) {
                        return instance(instance, c, rq);
                    }
                    Optional<String> why = instance.unavailableIn(c.syntax());
                    if (why.isEmpty()) {
                        return transcoded(instance, c, rq);
                    }
                    refusals.add(why.get());
                }
                return cannotServe(Set.of(instance.transferSyntaxUid()), choices, refusals);
            }
            return MultiInstanceAnswer.of(found, choices, rq);
        } catch (RuntimeException e) {
            return WadoProblems.of(e);
        }
    }

    /** The scope of a study ({@code series} and {@code sop} null), series ({@code sop} null) or instance request. */
    static RetrieveScope scope(String study, String series, String sop) {
        return sop != null ? RetrieveScope.instance(new InstanceRef(study, series, sop))
                : series != null ? RetrieveScope.series(study, series) : RetrieveScope.study(study);
    }

    /** Study, series or instance metadata. */
    public WadoResponse metadata(String study, String series, String sop, WadoRequest rq) {
        WadoResponse.Problem bad = WadoProblems.invalidUid(study, series, sop);
        if (bad != null) {
            return bad;
        }
        if (!RetrieveNegotiation.json(rq.accept())) {
            return WadoProblems.notAcceptable("metadata is application/dicom+json; Accept was: " + rq.accept());
        }
        try {
            InstanceMetadata m = retrieve.metadata(study, series, sop);
            return new WadoResponse.Content(200, "application/dicom+json", -1,
                    List.of(new WadoResponse.Header("Cache-Control", REVALIDATE), new WadoResponse.Header("Vary", "Accept")),
                    out -> m.writeJson(out, rq.baseUrl()));
        } catch (RuntimeException e) {
            return WadoProblems.of(e);
        }
    }

    /** Frames of an instance: {@code frameList} as in the path, {@code 1,3,5}. */
    public WadoResponse frames(String study, String series, String sop, String frameList, WadoRequest rq) {
        return frames.frames(new InstanceRef(study, series, sop), frameList, rq);
    }

    /** A bulk data value of an instance, {@code path} as in a BulkDataURI ({@code 7FE00010}, {@code 00880200/0/7FE00010}). */
    public WadoResponse bulkData(String study, String series, String sop, String path, WadoRequest rq) {
        return frames.bulkData(new InstanceRef(study, series, sop), path, rq);
    }

    /**
     * A rendered instance (its first frame; {@code frameList} null) or rendered frames
     * ({@code 1,3,5}), as image/jpeg or image/png; {@code parameters} are the query parameters
     * ({@code window}, {@code viewport}, {@code quality}, {@code accept}).
     */
    public WadoResponse rendered(String study, String series, String sop, String frameList, Map<String, List<String>> parameters,
            WadoRequest rq) {
        return rendered.rendered(new InstanceRef(study, series, sop), frameList, false, parameters, rq);
    }

    /**
     * The thumbnail of a study ({@code series}, {@code sop} and {@code frame} null), a series, an
     * instance or a frame: a rendering that fits 128 × 128 unless a {@code viewport} is asked for.
     * A study or series shows the middle instance of its first series with pixel data.
     */
    public WadoResponse thumbnail(String study, String series, String sop, String frame, Map<String, List<String>> parameters,
            WadoRequest rq) {
        if (sop == null) {
            return rendered.thumbnail(study, series, parameters, rq);
        }
        return rendered.rendered(new InstanceRef(study, series, sop), frame, true, parameters, rq);
    }

    /** One instance, as negotiated: multipart with one part, or the Part 10 object alone (byte ranges allowed). */
    static WadoResponse instance(ServedInstance instance, DicomChoice choice, WadoRequest rq) {
        String etag = instance.etag().substring(0, instance.etag().length() - 1) + (choice.multipart() ? "-m\"" : "\"");
        List<WadoResponse.Header> headers = new ArrayList<>(List.of(new WadoResponse.Header("ETag", etag),
                new WadoResponse.Header("Cache-Control", REVALIDATE), new WadoResponse.Header("Vary", "Accept")));
        if (matches(rq.ifNoneMatch(), etag)) {
            return new WadoResponse.NotModified(headers);
        }
        long length = instance.part10Length();
        String ts = instance.transferSyntaxUid();
        if (!choice.multipart()) {
            headers.add(new WadoResponse.Header("Accept-Ranges", "bytes"));
            return switch (ByteRange.of(rq.range(), length)) {
                case ByteRange.Part p -> {
                    headers.add(new WadoResponse.Header("Content-Range", "bytes " + p.range().first() + "-" + p.range().last() + "/" + length));
                    WadoResponse.Body range = out -> {
                        try (InputStream in = instance.openPart10()) {
                            in.skipNBytes(p.range().first());
                            new BoundedCopy(p.range().length()).copy(in, out);
                        }
                    };
                    yield new WadoResponse.Content(206, "application/dicom", p.range().length(), headers, instance.storedFile()
                            .<WadoResponse.Body>map(f -> new WadoResponse.FileBody(f, p.range().first(), p.range().length(), range))
                            .orElse(range));
                }
                case ByteRange.Unsatisfiable u -> new WadoResponse.Problem(new InvalidRequestException(HttpFailure.RANGE,
                        "the instance has " + length + " bytes"), List.of(new WadoResponse.Header("Content-Range", "bytes */" + length)));
                case ByteRange.Whole w -> {
                    WadoResponse.Body whole = out -> {
                        try (InputStream in = instance.openPart10()) {
                            in.transferTo(out);
                        }
                    };
                    yield new WadoResponse.Content(200, "application/dicom", length, headers, instance.storedFile()
                            .<WadoResponse.Body>map(f -> new WadoResponse.FileBody(f, 0, length, whole)).orElse(whole));
                }
            };
        }
        // A boundary from the ETag: the same content is the same bytes, which a strong ETag promises.
        String boundary = "vesalius-" + etag.replace("\"", "");
        String partType = "application/dicom; transfer-syntax=" + ts;
        String location = rq.baseUrl() + "/" + path(instance.ref());
        byte[] head = MultipartWriter.partHeader(boundary, true, partType, location, length);
        byte[] tail = MultipartWriter.close(boundary, false);
        long total = length < 0 ? -1 : head.length + length + tail.length;
        return new WadoResponse.Content(200, multipart(boundary), total, headers, out -> {
            MultipartWriter w = new MultipartWriter(out, boundary);
            w.part(partType, location, length, instance.openPart10());
            w.finish();
        });
    }

    /**
     * One instance in another transfer syntax, transcoded as it is written: its length is not
     * known up front, so there are no byte ranges.
     */
    static WadoResponse transcoded(ServedInstance instance, DicomChoice choice, WadoRequest rq) {
        String etag = instance.etag().substring(0, instance.etag().length() - 1) + "-" + choice.syntax()
                + (choice.multipart() ? "-m\"" : "\"");
        List<WadoResponse.Header> headers = new ArrayList<>(List.of(new WadoResponse.Header("ETag", etag),
                new WadoResponse.Header("Cache-Control", REVALIDATE), new WadoResponse.Header("Vary", "Accept")));
        if (matches(rq.ifNoneMatch(), etag)) {
            return new WadoResponse.NotModified(headers);
        }
        String partType = "application/dicom; transfer-syntax=" + choice.syntax();
        if (!choice.multipart()) {
            return new WadoResponse.Content(200, partType, -1, headers, out -> instance.writePart10(choice.syntax(), out));
        }
        String boundary = "vesalius-" + etag.replace("\"", "");
        String location = rq.baseUrl() + "/" + path(instance.ref());
        return new WadoResponse.Content(200, multipart(boundary), -1, headers, out -> {
            MultipartWriter w = new MultipartWriter(out, boundary);
            w.part(partType, location, o -> instance.writePart10(choice.syntax(), o));
            w.finish();
        });
    }

    static WadoResponse.Problem cannotServe(Set<String> stored, List<DicomChoice> choices, Set<String> refusals) {
        List<String> asked = choices.stream().map(c -> c.syntax() == null ? "*" : c.syntax()).distinct().toList();
        return WadoProblems.notAcceptable("stored in " + String.join(", ", stored) + "; asked for " + String.join(", ", asked)
                + ": " + String.join("; ", refusals) + ". Ask for transfer-syntax=* to get the instances as stored");
    }

    static String multipart(String boundary) {
        return "multipart/related; type=\"application/dicom\"; boundary=" + boundary;
    }

    static String path(InstanceRef ref) {
        return "studies/" + ref.studyInstanceUid() + "/series/" + ref.seriesInstanceUid() + "/instances/" + ref.sopInstanceUid();
    }

    /** Whether an If-None-Match header names {@code etag} (or is {@code *}). */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String t : ifNoneMatch.split(",")) {
            String tag = t.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    private static String what(String study, String series, String sop) {
        return sop != null ? "instance " + sop + " of series " + series + " of study " + study
                : series != null ? "series " + series + " of study " + study : "study " + study;
    }
}
