package org.vesalius.vna.archive.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.vesalius.dicom.codec.DecodeLimits;
import org.vesalius.dicom.codec.FrameDecoder;
import org.vesalius.dicom.codec.FrameDecoders;
import org.vesalius.dicom.image.FrameRenderer;
import org.vesalius.dicom.image.PixelDescription;
import org.vesalius.dicom.image.RenderOptions;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.retrieve.RenderPort;
import org.vesalius.vna.archive.retrieve.PixelData;
import org.vesalius.vna.archive.retrieve.RetrievableInstance;
import org.vesalius.vna.archive.retrieve.RetrieveService;

/**
 * Rendered frames and thumbnails (PS3.18 10.4 rendered resources), for every edge: the frame is
 * read by range from the stored object through the one {@link RetrieveService}, decoded when it
 * is compressed (one frame in memory, never the whole object), and rendered by the toolkit with the
 * served header's attributes (so the journal applies), a window and a viewport. A frame larger
 * than the decode limits, or whose codestream claims more than its data set, is not rendered
 * (406); renderings in flight share one {@link DecodeBudget} of memory. Thread-safe.
 */
public final class RenderService implements RenderPort {

    private final RetrieveService retrieve;
    private final DecodeLimits limits;
    private final DecodeBudget budget;

    /** With the retrieve settings' decode limits and a quarter of the heap as the decode budget. */
    public RenderService(RetrieveService retrieve) {
        this(retrieve, DecodeBudget.quarterOfHeap());
    }

    /**
     * @param budget the memory all renderings in flight may take together
     */
    public RenderService(RetrieveService retrieve, DecodeBudget budget) {
        this.retrieve = Objects.requireNonNull(retrieve, "retrieve");
        this.limits = retrieve.settings().decodeLimits();
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /**
     * The instance looked up once: its served header (the journal applies) and its frames.
     *
     * @throws org.vesalius.vna.archive.retrieve.InstanceNotFoundException it is not stored
     */
    @Override
    public Renderable open(InstanceRef ref) {
        return new Opened(retrieve.instance(ref));
    }

    /** One looked-up instance; its frames are found on first use. */
    private final class Opened implements Renderable {
        private final RetrievableInstance instance;
        private Optional<PixelData> pixels;

        Opened(RetrievableInstance instance) {
            this.instance = instance;
        }

        /** What a rendering depends on, for entity tags: the served instance's tag and the stored pixels. */
        @Override
        public String version() {
            return instance.etag();
        }

        /**
         * Checks, without decoding anything, that frames {@code frames} can be rendered: what a
         * multipart answer must know before its first byte.
         *
         * @throws org.vesalius.vna.archive.retrieve.FrameOutOfRangeException no such frame
         * @throws NotRenderableException                                     no pixels, or no decoder for them
         */
        @Override
        public void check(int... frames) {
            PixelData p = pixels();
            for (int n : frames) {
                p.frameLength(n);
            }
            PixelDescription stored = instance.pixelDescription();
            Optional<String> why = p.encapsulated() ? FrameDecoders.unsupported(p.transferSyntaxUid(), stored, limits)
                    : limits.refusal(stored);
            why.ifPresent(reason -> {
                throw new NotRenderableException(reason);
            });
        }

        /**
         * Renders frame {@code frame} (1-based).
         *
         * @throws org.vesalius.vna.archive.retrieve.FrameOutOfRangeException no such frame
         * @throws NotRenderableException                                     no pixels, or they cannot be decoded or rendered
         */
        @Override
        public BufferedImage render(int frame, RenderOptions options) {
            return RenderService.this.render(instance, pixels(), frame, options);
        }

        private synchronized PixelData pixels() {
            if (pixels == null) {
                pixels = instance.pixelDescription() == null ? Optional.empty() : retrieve.pixelData(instance);
            }
            return pixels.orElseThrow(() -> new NotRenderableException("instance " + instance.ref().sopInstanceUid()
                    + " has no pixel data to render"));
        }
    }

    private BufferedImage render(RetrievableInstance instance, PixelData p, int frame, RenderOptions options) {
        InstanceRef ref = instance.ref();
        PixelDescription stored = instance.pixelDescription();
        long storedLength = p.frameLength(frame); // FrameOutOfRangeException
        if (storedLength > limits.maxFrameBytes()) { // read whole before decoding: a huge fragment is a bomb too
            throw new NotRenderableException("frame " + frame + " is " + storedLength + " bytes as stored, more than the "
                    + limits.maxFrameBytes() + " bytes allowed");
        }
        FrameDecoder decoder = null;
        PixelDescription description = stored;
        if (p.encapsulated()) {
            Optional<String> why = FrameDecoders.unsupported(p.transferSyntaxUid(), stored, limits);
            if (why.isPresent()) {
                throw new NotRenderableException(why.get());
            }
            decoder = FrameDecoders.of(p.transferSyntaxUid()).orElseThrow();
            description = decoder.decoded(stored);
        } else {
            limits.refusal(stored).ifPresent(why -> {
                throw new NotRenderableException(why);
            });
        }
        // Checked and admitted before anything of the frame's size is allocated.
        try (DecodeBudget.Share share = budget.take(storedLength, description)) {
            byte[] bytes;
            try (InputStream in = p.openFrame(frame)) {
                bytes = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read frame " + frame + " of " + ref.sopInstanceUid() + ": " + e.getMessage(), e);
            }
            if (decoder != null) {
                try {
                    bytes = decoder.decode(bytes, stored, limits);
                } catch (IOException e) { // FrameSizeException included: a codestream claiming more than the data set
                    throw new NotRenderableException("frame " + frame + " cannot be decoded: " + e.getMessage());
                }
            }
            return FrameRenderer.render(description, instance.header(), frame, bytes, capped(options, description));
        } catch (IllegalArgumentException e) {
            throw new NotRenderableException(e.getMessage());
        }
    }

    /**
     * {@code options} with its viewport reduced to at most {@link RenderPort#MAX_UPSCALE} times the
     * frame's columns and rows, and {@link RenderPort#MAX_VIEWPORT_SIDE}: scaling keeps the aspect
     * ratio by the smaller of the two ratios, so each side is reduced on its own.
     */
    static RenderOptions capped(RenderOptions options, PixelDescription frame) {
        RenderOptions.Viewport v = options.viewport();
        if (v == null) {
            return options;
        }
        int width = cap(v.width(), frame.columns());
        int height = cap(v.height(), frame.rows());
        return width == v.width() && height == v.height() ? options : options.withViewport(new RenderOptions.Viewport(width, height));
    }

    private static int cap(int asked, int frameSide) {
        long most = Math.min((long) RenderPort.MAX_UPSCALE * Math.max(1, frameSide), RenderPort.MAX_VIEWPORT_SIDE);
        return (int) Math.min(asked, most);
    }

    /**
     * The instance a thumbnail of a study (series null) or series shows: the middle one of the
     * first series that has pixel data, so a stack is shown by a slice through it.
     *
     * @throws org.vesalius.vna.archive.retrieve.InstanceNotFoundException the archive holds none of it
     * @throws NotRenderableException                                     none of its instances has pixel data
     */
    @Override
    public InstanceRef representative(String studyInstanceUid, String seriesInstanceUid) {
        List<InstanceRef> all = seriesInstanceUid == null ? retrieve.instancesOfStudy(studyInstanceUid)
                : retrieve.instancesOfSeries(studyInstanceUid, seriesInstanceUid);
        if (all.isEmpty()) {
            throw new org.vesalius.vna.archive.retrieve.InstanceNotFoundException(seriesInstanceUid == null
                    ? "no study " + studyInstanceUid : "no series " + seriesInstanceUid + " in study " + studyInstanceUid);
        }
        for (String series : all.stream().map(InstanceRef::seriesInstanceUid).distinct().toList()) {
            List<InstanceRef> inSeries = all.stream().filter(r -> r.seriesInstanceUid().equals(series)).toList();
            for (int i = 0; i < inSeries.size(); i++) {
                // From the middle outwards.
                int k = inSeries.size() / 2 + (i % 2 == 0 ? i / 2 : -(i / 2 + 1));
                InstanceRef ref = inSeries.get(Math.floorMod(k, inSeries.size()));
                RetrievableInstance instance = retrieve.instance(ref);
                if (instance.pixelDescription() != null && retrieve.pixelData(instance).isPresent()) {
                    return ref;
                }
            }
        }
        throw new NotRenderableException("no instance of " + (seriesInstanceUid == null ? "study " + studyInstanceUid
                : "series " + seriesInstanceUid) + " has pixel data");
    }
}
