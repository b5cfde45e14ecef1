package org.vesalius.vna.archive.retrieve;

import org.vesalius.vna.archive.ingest.HeaderCapture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.io.DatasetBuilder;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ElementHeader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;

/**
 * The header of a data set (everything before Pixel Data) as parsed, and where each top-level
 * element of it lies in the data set's bytes: what a splice needs to replace elements while the
 * rest streams through.
 */
final class HeaderScan {

    /** (7FE0,0008) Float Pixel Data, the first of the pixel data elements: the header ends before it. */
    static final int FIRST_PIXEL_DATA_TAG = 0x7FE00008;

    /** One top-level element: its tag and the bytes it occupies, header included. */
    record Element(int tag, long start, long end) {
    }

    /** The header, as the toolkit parses it. */
    final Dataset header;
    /** Its top-level elements, in the order they are stored. */
    final List<Element> elements;
    /** Where the header ends: after its last element. */
    final long end;
    /** The tag of the element the header stopped before, or -1 when the data set ended. */
    final int stoppedBefore;

    private final byte[] captured;
    private final int capturedLength;
    private final TransferSyntax syntax;
    private final ReadOptions options;

    private HeaderScan(Dataset header, List<Element> elements, long end, int stoppedBefore, byte[] captured,
            int capturedLength, TransferSyntax syntax, ReadOptions options) {
        this.header = header;
        this.elements = elements;
        this.end = end;
        this.stoppedBefore = stoppedBefore;
        this.captured = captured;
        this.capturedLength = capturedLength;
        this.syntax = syntax;
        this.options = options;
    }

    /** A second, independent tree of the header, to be changed while {@link #header} stays as stored. */
    Dataset parseAgain() throws IOException {
        return parse(captured, capturedLength, syntax, options);
    }

    /** The first top-level element with {@code tag}, or null. */
    Element element(int tag) {
        for (Element e : elements) {
            if (e.tag() == tag) {
                return e;
            }
        }
        return null;
    }

    private static Dataset parse(byte[] bytes, int length, TransferSyntax syntax, ReadOptions options) throws IOException {
        return DatasetBuilder.build(DicomStreamReader.forDataset(new ByteArrayInputStream(bytes, 0, length), syntax, options),
                new Dataset());
    }

    /** True when the header was cut before Pixel Data (or the end), not by the size limit. */
    boolean complete() {
        return stoppedBefore == -1 || Integer.compareUnsigned(stoppedBefore, FIRST_PIXEL_DATA_TAG) >= 0;
    }

    /**
     * Parses the header at the start of {@code dataSet}.
     *
     * @param maxHeaderBytes the most of the header held in memory; an element that would cross it
     *                       ends the header early (see {@link #complete()})
     */
    static HeaderScan of(InputStream dataSet, TransferSyntax syntax, long maxHeaderBytes) throws IOException {
        Predicate<ElementHeader> stop = h -> Integer.compareUnsigned(h.tag(), FIRST_PIXEL_DATA_TAG) >= 0
                || h.offset() > maxHeaderBytes
                || h.vr() != org.vesalius.dicom.data.VR.SQ && !org.vesalius.dicom.data.Length.isUndefined(h.length())
                        && h.offset() + 12 + h.length() > maxHeaderBytes;
        ReadOptions options = ReadOptions.DEFAULT.withStopBefore(stop);
        HeaderCapture capture = new HeaderCapture(dataSet, maxHeaderBytes + 256 * 1024);
        DicomStreamReader reader = DicomStreamReader.forDataset(capture, syntax, options);
        List<Element> elements = new ArrayList<>();
        long start = -1;
        int tag = 0;
        long lastEnd = 0;
        int stoppedBefore = -1;
        boolean done = false;
        while (!done) {
            DicomStreamReader.Token token = reader.next();
            switch (token) {
                case ELEMENT, SEQUENCE_START, FRAGMENTS_START -> {
                    if (reader.depth() == 0) {
                        start = reader.headerOffset();
                        tag = reader.tag();
                    }
                }
                case STOPPED -> {
                    stoppedBefore = reader.tag();
                    done = true;
                }
                case END -> done = true;
                default -> { }
            }
            boolean closesTopLevel = token == DicomStreamReader.Token.ELEMENT || token == DicomStreamReader.Token.SEQUENCE_END
                    || token == DicomStreamReader.Token.FRAGMENTS_END;
            if (closesTopLevel && reader.depth() == 0) {
                lastEnd = reader.position();
                elements.add(new Element(tag, start, lastEnd));
            }
        }
        // The captured bytes hold the whole header (and some read-ahead): parse it again into a tree.
        Dataset header = parse(capture.buffer(), (int) capture.count(), syntax, options);
        return new HeaderScan(header, List.copyOf(elements), lastEnd, stoppedBefore, capture.buffer(), (int) capture.count(),
                syntax, options);
    }
}
