package org.vesalius.vna.archive.dicomweb;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vesalius.dicom.image.ImageEncoder;
import org.vesalius.dicom.image.RenderOptions;
import org.vesalius.dicom.image.VoiFunction;
import org.vesalius.dicom.image.Window;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.retrieve.RenderPort;

/**
 * The query parameters of a rendered resource (PS3.18 8.3.5.1): {@code window=center,width[,function]},
 * {@code viewport=vw,vh}, {@code quality} (1–100) and {@code accept}, which stands for the Accept
 * header when given (PS3.18 8.3.3.1). Parsing fails with an {@link InvalidRequestException} naming
 * the parameter.
 *
 * @param options  window and viewport for the renderer
 * @param quality  JPEG quality
 * @param accept   the media types asked for (the {@code accept} parameter, else the header)
 */
record RenderParameters(RenderOptions options, int quality, String accept) {

    /** JPEG quality when none is asked for: visually lossless for viewing. */
    static final int DEFAULT_QUALITY = 90;

    static RenderParameters parse(Map<String, List<String>> parameters, String acceptHeader, RenderOptions.Viewport defaultViewport) {
        RenderOptions options = RenderOptions.DEFAULT.withViewport(defaultViewport);
        String window = one(parameters, "window");
        if (window != null) {
            options = options.withWindow(window(window));
        }
        String viewport = one(parameters, "viewport");
        if (viewport != null) {
            options = options.withViewport(viewport(viewport));
        }
        String q = one(parameters, "quality");
        int quality = DEFAULT_QUALITY;
        if (q != null) {
            quality = integer("quality", q);
            if (quality < 1 || quality > 100) {
                throw new InvalidRequestException("quality", "1 to 100; got " + q);
            }
        }
        String accept = one(parameters, "accept");
        return new RenderParameters(options, quality, accept != null ? accept : acceptHeader);
    }

    /** The image format the accept list prefers among JPEG and PNG; null when it accepts neither. */
    ImageEncoder.Format format() {
        List<AcceptHeader.Range> ranges = new java.util.ArrayList<>(AcceptHeader.parse(accept).ranges());
        ranges.removeIf(r -> r.q() <= 0);
        ranges.sort(Comparator.comparingDouble(AcceptHeader.Range::q).reversed());
        for (AcceptHeader.Range r : ranges) {
            String essence = r.mediaType().essence().toLowerCase(Locale.ROOT);
            if (essence.equals("multipart/related")) {
                // Several rendered frames come as parts of this type.
                essence = r.mediaType().parameter("type").map(t -> t.strip().toLowerCase(Locale.ROOT)).orElse("image/jpeg");
            }
            switch (essence) {
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

    /** {@code center,width[,function]}; function linear, linear-exact or sigmoid. */
    static Window window(String text) {
        String[] v = text.split(",", -1);
        if (v.length < 2 || v.length > 3) {
            throw new InvalidRequestException("window", "center,width[,function]; got \"" + text + "\"");
        }
        VoiFunction f = v.length == 3 ? VoiFunction.parse(v[2]).orElseThrow(() -> new InvalidRequestException("window",
                "the function is linear, linear-exact or sigmoid; got \"" + v[2] + "\"")) : VoiFunction.LINEAR;
        try {
            return new Window(number("window", v[0]), number("window", v[1]), f);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("window", e.getMessage(), e);
        }
    }

    /**
     * {@code vw,vh}; a source region ({@code ,sx,sy,sw,sh}) is refused. A side beyond
     * {@link RenderPort#MAX_VIEWPORT_SIDE} is refused (400 naming the parameter), since it is too
     * large whatever the image. An upscale beyond {@link RenderPort#MAX_UPSCALE} depends on the
     * frame, known only when rendering, so the render port reduces the viewport instead: the image
     * still fits within the viewport with its aspect ratio kept (PS3.18 8.3.5.1.3), and a viewer
     * scales it to its display as it would any image.
     */
    static RenderOptions.Viewport viewport(String text) {
        String[] v = text.split(",", -1);
        if (v.length != 2) {
            throw new InvalidRequestException("viewport", "vw,vh (a source region is not supported); got \"" + text + "\"");
        }
        int w = integer("viewport", v[0]);
        int h = integer("viewport", v[1]);
        int max = RenderPort.MAX_VIEWPORT_SIDE;
        if (w < 1 || h < 1 || w > max || h > max) {
            throw new InvalidRequestException("viewport", "width and height are 1 to " + max + "; got \"" + text + "\"");
        }
        return new RenderOptions.Viewport(w, h);
    }

    private static double number(String name, String s) {
        try {
            double d = Double.parseDouble(s.strip());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name, "\"" + s + "\" is not a number");
        }
    }

    static int integer(String name, String s) {
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(name, "\"" + s + "\" is not an integer");
        }
    }

    static String one(Map<String, List<String>> parameters, String name) {
        List<String> v = parameters.get(name);
        return v == null || v.isEmpty() || v.get(0).isBlank() ? null : v.get(0).strip();
    }
}
