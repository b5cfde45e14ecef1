package org.vesalius.dicom.codec;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.image.PixelDescription;
import org.vesalius.dicom.io.DatasetBuilder;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.FileMetaInformation;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * Rewrites a data set in another transfer syntax, streaming.
 *
 * <ul>
 *   <li>Between the native syntaxes (Implicit and Explicit VR Little Endian, Explicit VR Big
 *       Endian, Deflated Explicit VR Little Endian): the header (everything before Pixel Data) is
 *       parsed and rewritten; pixel data flows through in chunks, byte-swapped by word where the
 *       byte order changes; the elements after it are parsed and rewritten.</li>
 *   <li>From an encapsulated syntax with a {@link FrameDecoder} (JPEG Baseline, 8-bit JPEG
 *       Extended, JPEG 2000, RLE) to a native one: fragments are gathered into one frame at a
 *       time, decoded and written, so a multi-frame object is never whole in memory. The
 *       Photometric Interpretation and Planar Configuration follow the decoder; Lossy Image
 *       Compression stays as it was.</li>
 * </ul>
 * Anything else, encoding into a compressed syntax above all, is refused with
 * {@link UnsupportedTranscodingException}; {@link #unsupported} says so before any byte is written.
 */
public final class Transcoder {

    private static final int PIXEL_DATA = Tags.PixelData;
    private static final int CHUNK = 64 * 1024;

    private final TransferSyntax from;
    private final TransferSyntax to;
    private final EncodingOptions options;
    private final DecodeLimits limits;

    private Transcoder(TransferSyntax from, TransferSyntax to, EncodingOptions options, DecodeLimits limits) {
        this.from = from;
        this.to = to;
        this.options = options;
        this.limits = limits;
    }

    /**
     * Why data sets in {@code from} with pixels {@code pixels} (null: none) cannot be rewritten in
     * {@code to}, or empty when they can.
     */
    public static Optional<String> unsupported(TransferSyntax from, TransferSyntax to, PixelDescription pixels) {
        return unsupported(from, to, pixels, DecodeLimits.DEFAULT);
    }

    /**
     * Why data sets in {@code from} with pixels {@code pixels} (null: none) cannot be rewritten in
     * {@code to} with frames decoded within {@code limits}, or empty when they can.
     */
    public static Optional<String> unsupported(TransferSyntax from, TransferSyntax to, PixelDescription pixels, DecodeLimits limits) {
        if (from.uid().equals(to.uid())) {
            return Optional.empty();
        }
        if (to.encapsulated()) {
            return Optional.of("encoding into transfer syntax " + to.uid() + " is not supported: only the native syntaxes"
                    + " (Implicit VR Little Endian, Explicit VR Little Endian and Big Endian, Deflated Explicit VR Little Endian)"
                    + " can be produced");
        }
        if (!from.encapsulated() || pixels == null) {
            return Optional.empty();
        }
        return FrameDecoders.unsupported(from.uid(), pixels, limits);
    }

    /**
     * Reads a bare data set encoded in {@code from} and writes it encoded in {@code to}.
     *
     * @throws UnsupportedTranscodingException the transcoding is not supported (nothing written)
     */
    public static void transcode(InputStream dataSet, TransferSyntax from, TransferSyntax to, OutputStream out) throws IOException {
        new Transcoder(from, to, EncodingOptions.DEFAULT, DecodeLimits.DEFAULT).run(dataSet, null, out, false);
    }

    /**
     * Reads a bare data set encoded in {@code from} and writes a Part 10 file in {@code to}: a
     * preamble, {@code fileMeta} (or, when null, one made from the data set's SOP Class and Instance)
     * declaring {@code to}, then the data set.
     *
     * @throws UnsupportedTranscodingException the transcoding is not supported (nothing written)
     */
    public static void transcodePart10(Dataset fileMeta, InputStream dataSet, TransferSyntax from, TransferSyntax to, OutputStream out)
            throws IOException {
        transcodePart10(fileMeta, dataSet, from, to, out, DecodeLimits.DEFAULT);
    }

    /**
     * As {@link #transcodePart10(Dataset, InputStream, TransferSyntax, TransferSyntax, OutputStream)},
     * with compressed frames decoded within {@code limits}.
     *
     * @throws UnsupportedTranscodingException the transcoding is not supported, or the declared
     *                                         frames exceed {@code limits} (nothing written)
     * @throws FrameSizeException              a codestream disagrees with the data set (written in part)
     */
    public static void transcodePart10(Dataset fileMeta, InputStream dataSet, TransferSyntax from, TransferSyntax to, OutputStream out,
            DecodeLimits limits) throws IOException {
        new Transcoder(from, to, EncodingOptions.DEFAULT, limits).run(dataSet, fileMeta, out, true);
    }

    /**
     * Reads a Part 10 file and writes it again in {@code to}, its File Meta kept but for the
     * Transfer Syntax UID.
     *
     * @throws UnsupportedTranscodingException the transcoding is not supported (nothing written)
     */
    public static void transcodeFile(InputStream part10, TransferSyntax to, OutputStream out) throws IOException {
        DicomStreamReader reader = DicomStreamReader.open(part10, HEADER);
        new Transcoder(reader.transferSyntax(), to, EncodingOptions.DEFAULT, DecodeLimits.DEFAULT).run(reader, reader.fileMeta(), out, true);
    }

    private static final ReadOptions HEADER = ReadOptions.DEFAULT.withStopBefore(h -> h.depth() == 0 && h.tag() == PIXEL_DATA);

    private void run(InputStream in, Dataset fileMeta, OutputStream out, boolean part10) throws IOException {
        run(DicomStreamReader.forDataset(in, from, HEADER), fileMeta, out, part10);
    }

    private void run(DicomStreamReader reader, Dataset fileMeta, OutputStream out, boolean part10) throws IOException {
        Dataset header = DatasetBuilder.build(reader, new Dataset());
        boolean pixels = reader.token() == DicomStreamReader.Token.STOPPED;
        PixelDescription description = pixels ? PixelDescription.of(header) : null;
        Optional<String> refused = unsupported(from, to, description, limits);
        if (refused.isPresent()) {
            throw new UnsupportedTranscodingException(refused.get());
        }
        if (part10) {
            Dataset meta = fileMeta != null ? FileMetaInformation.copyWithTransferSyntax(fileMeta, to.uid())
                    : FileMetaInformation.create(header.getString(Tags.SOPClassUID, ""), header.getString(Tags.SOPInstanceUID, ""), to.uid());
            DicomWriter.writeFileHeader(meta, out);
        }
        Deflater deflater = to.deflated() ? new Deflater(options.deflateLevel(), true) : null;
        try {
            OutputStream body = deflater == null ? out : new DeflaterOutputStream(out, deflater, 8192);
            TransferSyntax plain = to.deflated() ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : to;
            if (!pixels) {
                DicomWriter.writeDataset(header, plain, body, options);
            } else {
                // After the header the reader's input, inflated when deflated, continues at Pixel Data.
                InputStream rest = reader.remainingInput();
                TransferSyntax read = from.deflated() ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : from;
                PixelDataWriter writer = new PixelDataWriter(read, plain, body);
                PixelDataWriter.ElementStart start = writer.readStart(rest);
                if (start.encapsulated()) {
                    decode(header, description, rest, writer, plain, body);
                } else {
                    if (from.encapsulated()) {
                        throw new UnsupportedTranscodingException("pixel data of defined length in encapsulated transfer syntax " + from.uid());
                    }
                    DicomWriter.writeDataset(header, plain, body, options);
                    writer.copyNative(rest, start, description);
                }
                Dataset trailer = DatasetBuilder.build(DicomStreamReader.forDataset(rest, read, ReadOptions.DEFAULT), new Dataset());
                if (!trailer.isEmpty()) {
                    DicomWriter.writeDataset(trailer, plain, body, options);
                }
            }
            if (body instanceof DeflaterOutputStream d) {
                d.finish();
            }
            out.flush();
        } finally {
            if (deflater != null) {
                deflater.end();
            }
        }
    }

    private void decode(Dataset header, PixelDescription stored, InputStream rest, PixelDataWriter writer, TransferSyntax plain,
            OutputStream body) throws IOException {
        FrameDecoder decoder = FrameDecoders.of(from.uid()).orElseThrow();
        PixelDescription decoded = decoder.decoded(stored);
        byte[] eot = header.getBytes(Tags.ExtendedOffsetTable);
        header.remove(Tags.ExtendedOffsetTable);
        header.remove(Tags.ExtendedOffsetTableLengths);
        header.setString(Tags.PhotometricInterpretation, VR.CS, decoded.photometricInterpretation());
        if (decoded.samplesPerPixel() > 1) {
            header.setInt(Tags.PlanarConfiguration, VR.US, 0);
        }
        byte[] bot = writer.nextFragment(rest);
        if (bot == null) {
            throw new EOFException("encapsulated pixel data without a Basic Offset Table item");
        }
        DicomWriter.writeDataset(header, plain, body, options);
        long frameLength = decoded.frameLength();
        int frames = stored.numberOfFrames();
        long total = frameLength * frames;
        writer.writeNativeHeader(decoded.bitsAllocated() <= 8 ? VR.OB : VR.OW, total + (total & 1));
        // Only the frame being assembled is held.
        FrameSplitter splitter = FrameSplitter.of(from.uid(), frames, bot, eot);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        int written = 0;
        for (byte[] fragment = writer.nextFragment(rest); fragment != null; fragment = writer.nextFragment(rest)) {
            int index = splitter.next(fragment.length, fragment);
            while (written < index) {
                decodeFrame(decoder, stored, decoded, frame, writer, written++, frames, limits);
            }
            frame.write(fragment);
        }
        if (frame.size() > 0) {
            decodeFrame(decoder, stored, decoded, frame, writer, written++, frames, limits);
        }
        if (written != frames) {
            throw new IOException("the pixel data holds " + written + " frames, Number of Frames says " + frames);
        }
        if ((total & 1) != 0) {
            body.write(0);
        }
    }

    /** Decodes the frame assembled in {@code frame} (the {@code index}th, 0-based) and writes it; empties {@code frame}. */
    private static void decodeFrame(FrameDecoder decoder, PixelDescription stored, PixelDescription decoded, ByteArrayOutputStream frame,
            PixelDataWriter writer, int index, int frames, DecodeLimits limits) throws IOException {
        if (index >= frames) {
            throw new IOException("more frames in the pixel data than Number of Frames (" + frames + ")");
        }
        byte[] pixels = decoder.decode(frame.toByteArray(), stored, limits);
        frame.reset();
        if (pixels.length != decoded.frameLength()) {
            throw new IOException("decoded frame of " + pixels.length + " bytes, " + decoded.frameLength() + " expected");
        }
        writer.writeNativeValue(pixels, decoded.bitsAllocated());
    }

    static int chunk() {
        return CHUNK;
    }
}
