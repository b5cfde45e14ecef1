package org.vesalius.vna.archive.dicomweb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vesalius.dicom.image.ImageEncoder;
import org.vesalius.dicom.image.RenderOptions;
import org.vesalius.dicom.image.VoiFunction;
import org.vesalius.dicom.image.Window;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.retrieve.RenderPort;

/**
 * WADO-URI rendered images (PS3.18 9.1.2.5 and 8.3.5.1.3): {@code contentType} image/jpeg (also
 * when absent) or image/png; {@code frameNumber} (1 by default), {@code windowCenter} with
 * {@code windowWidth}, {@code rows} and/or {@code columns} (the most of each; the aspect ratio is
 * kept), {@code imageQuality} 1–100. {@code region} and {@code presentationUID} are refused (400),
 * other content types 406.
 */
final class WadoUriImage {

    private WadoUriImage() {
    }

    static WadoResponse answer(RenderPort render, InstanceRef ref, String contentType, Map<String, List<String>> p, WadoRequest rq) {
        ImageEncoder.Format format = format(contentType);
        if (format == null) {
            return WadoProblems.notAcceptable("contentType " + contentType + " is not offered: application/dicom, image/jpeg"
                    + " or image/png");
        }
        if (WadoUri.one(p, "region") != null || WadoUri.one(p, "presentationUID") != null) {
            return WadoProblems.badRequest(WadoUri.one(p, "region") != null ? "region" : "presentationUID",
                    "region and presentationUID are not supported");
        }
        try {
            int frame = WadoUri.one(p, "frameNumber") == null ? 1 : RenderParameters.integer("frameNumber", WadoUri.one(p, "frameNumber"));
            if (frame < 1) {
                return WadoProblems.badRequest("frameNumber", "frameNumber starts at 1");
            }
            RenderOptions options = RenderOptions.DEFAULT;
            String center = WadoUri.one(p, "windowCenter");
            String width = WadoUri.one(p, "windowWidth");
            if ((center == null) != (width == null)) {
                return WadoProblems.badRequest(center == null ? "windowCenter" : "windowWidth", "windowCenter and windowWidth go together");
            }
            if (center != null) {
                Window w = RenderParameters.window(center + "," + width);
                options = options.withWindow(new Window(w.center(), w.width(), VoiFunction.LINEAR));
            }
            String rows = WadoUri.one(p, "rows");
            String columns = WadoUri.one(p, "columns");
            if (rows != null || columns != null) {
                // An absent side is unbounded: the most a viewport may ask for.
                int r = rows == null ? RenderPort.MAX_VIEWPORT_SIDE : RenderParameters.integer("rows", rows);
                int c = columns == null ? RenderPort.MAX_VIEWPORT_SIDE : RenderParameters.integer("columns", columns);
                options = options.withViewport(RenderParameters.viewport(c + "," + r));
            }
            String q = WadoUri.one(p, "imageQuality");
            int quality = q == null ? RenderParameters.DEFAULT_QUALITY : RenderParameters.integer("imageQuality", q);
            if (quality < 1 || quality > 100) {
                return WadoProblems.badRequest("imageQuality", "imageQuality is 1 to 100; got " + q);
            }
            RenderPort.Renderable instance = render.open(ref); // the one lookup of the request
            String etag = WadoFrames.etag(instance.version(), Integer.toString(frame), String.valueOf(options), Integer.toString(quality),
                    format.mediaType(), "wado-uri");
            List<WadoResponse.Header> headers = new ArrayList<>(List.of(new WadoResponse.Header("ETag", etag),
                    new WadoResponse.Header("Cache-Control", WadoRs.REVALIDATE)));
            if (WadoRs.matches(rq.ifNoneMatch(), etag)) {
                return new WadoResponse.NotModified(headers);
            }
            byte[] image = WadoRendered.encode(instance.render(frame, options), format, quality);
            return new WadoResponse.Content(200, format.mediaType(), image.length, headers, out -> out.write(image));
        } catch (IllegalArgumentException e) {
            return WadoProblems.badRequest("window", e.getMessage()); // from the renderer's window or viewport
        } catch (RuntimeException e) {
            return WadoProblems.of(e);
        }
    }

    /** The first image type of the contentType list we can give; JPEG when absent. */
    private static ImageEncoder.Format format(String contentType) {
        if (contentType == null) {
            return ImageEncoder.Format.JPEG;
        }
        for (AcceptHeader.Range r : AcceptHeader.parse(contentType).ranges()) {
            if (r.q() <= 0) {
                continue;
            }
            switch (r.mediaType().essence().toLowerCase(Locale.ROOT)) {
                case "image/jpeg", "image/*", "*/*" -> {
                    return ImageEncoder.Format.JPEG;
                }
                case "image/png" -> {
                    return ImageEncoder.Format.PNG;
                }
                default -> { }
            }
        }
        return null;
    }
}
