package org.vesalius.vna.archive.dicomweb;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vesalius.dicom.image.ImageEncoder;
import org.vesalius.dicom.image.RenderOptions;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.retrieve.RenderPort;

/**
 * WADO-RS rendered resources and thumbnails (PS3.18 10.4.1.1.3 and 10.4.1.1.4): an instance
 * (its first frame), frames ({@code …/frames/1,3/rendered}: one image, or a multipart of images),
 * and thumbnails of a study, series, instance or frame, as {@code image/jpeg} (the default) or
 * {@code image/png}. Images are rendered and encoded in memory, one at a time: they are small.
 */
final class WadoRendered {

    private static final RenderOptions.Viewport THUMBNAIL =
            new RenderOptions.Viewport(RenderPort.THUMBNAIL_SIZE, RenderPort.THUMBNAIL_SIZE);

    private final RenderPort render;

    WadoRendered(RenderPort render) {
        this.render = render;
    }

    /** Rendered instance ({@code frameList} null) or frames; {@code thumbnail} for the thumbnail resource. */
    WadoResponse rendered(InstanceRef ref, String frameList, boolean thumbnail, Map<String, List<String>> parameters, WadoRequest rq) {
        WadoResponse.Problem bad = WadoProblems.invalidUid(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid());
        if (bad != null) {
            return bad;
        }
        int[] frames = frameList == null ? new int[] {1} : WadoFrames.parseFrames(frameList);
        if (frames == null) {
            return WadoProblems.badRequest("frames", "frame numbers are positive integers separated by commas, e.g. 1,3,5; got \"" + frameList + "\"");
        }
        if (thumbnail && frames.length > 1) {
            return WadoProblems.badRequest("frames", "a thumbnail is of one frame; got \"" + frameList + "\"");
        }
        RenderParameters p;
        try {
            p = RenderParameters.parse(parameters, rq.accept(), thumbnail ? THUMBNAIL : null);
        } catch (InvalidRequestException e) {
            return new WadoResponse.Problem(e);
        }
        ImageEncoder.Format format = p.format();
        if (format == null) {
            return WadoProblems.notAcceptable("rendered images are image/jpeg or image/png; Accept was: " + p.accept());
        }
        try {
            RenderPort.Renderable instance = render.open(ref); // the one lookup of the request
            String etag = WadoFrames.etag(instance.version(), java.util.Arrays.toString(frames), String.valueOf(p.options()),
                    Integer.toString(p.quality()), format.mediaType());
            List<WadoResponse.Header> headers = new ArrayList<>(List.of(new WadoResponse.Header("ETag", etag),
                    new WadoResponse.Header("Cache-Control", WadoRs.REVALIDATE), new WadoResponse.Header("Vary", "Accept")));
            if (WadoRs.matches(rq.ifNoneMatch(), etag)) {
                return new WadoResponse.NotModified(headers);
            }
            if (frames.length == 1) {
                byte[] image = encode(instance.render(frames[0], p.options()), format, p.quality());
                return new WadoResponse.Content(200, format.mediaType(), image.length, headers, out -> out.write(image));
            }
            // Several frames: each is rendered as its part is written, so only one image is held.
            String boundary = "vesalius-" + etag.replace("\"", "");
            instance.check(frames); // fail before the first byte
            String location = rq.baseUrl() + "/" + WadoRs.path(ref) + "/frames/";
            return new WadoResponse.Content(200, "multipart/related; type=\"" + format.mediaType() + "\"; boundary=" + boundary, -1,
                    headers, out -> {
                        MultipartWriter w = new MultipartWriter(out, boundary);
                        for (int n : frames) {
                            byte[] image = encode(instance.render(n, p.options()), format, p.quality());
                            w.part(format.mediaType(), location + n + "/rendered", image.length, new java.io.ByteArrayInputStream(image));
                        }
                        w.finish();
                    });
        } catch (RuntimeException e) {
            return WadoProblems.of(e);
        }
    }

    /** The thumbnail of a study (series null) or series: its representative instance's. */
    WadoResponse thumbnail(String study, String series, Map<String, List<String>> parameters, WadoRequest rq) {
        WadoResponse.Problem bad = WadoProblems.invalidUid(study, series);
        if (bad != null) {
            return bad;
        }
        try {
            return rendered(render.representative(study, series), null, true, parameters, rq);
        } catch (RuntimeException e) {
            return WadoProblems.of(e);
        }
    }

    static byte[] encode(BufferedImage image, ImageEncoder.Format format, int quality) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
        try {
            ImageEncoder.write(image, format, quality, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
