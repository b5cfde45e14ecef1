package org.vesalius.vna.archive.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.function.Predicate;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.BulkDataDescriptor;
import org.vesalius.dicom.io.BulkDataHandler;
import org.vesalius.dicom.io.DatasetLimitException;
import org.vesalius.dicom.io.DatasetBuilder;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.ElementHeader;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.FileMetaInformation;
import org.vesalius.dicom.io.MalformedDicomException;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.io.TruncatedDicomException;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult.Problem;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.api.ingest.ObjectIds;

/**
 * The one pass over an incoming object: parses the header while {@link HeaderCapture} keeps its
 * raw bytes (at most the cap, plus the parser's read-ahead), and returns the stream that stores
 * the object: captured bytes, then the rest of the sender's stream, never buffered.
 *
 * <p>Deflated data sets cannot be split where the header ends (the cut lies inside the
 * compressed stream), so they are parsed to their end, large binary values skipped, and must fit
 * in the cap as a whole.
 *
 * <p>Besides bytes, a header's heap is bounded by its element and item counts and nesting depth
 * ({@link HeaderLimits}, enforced by the toolkit's reader), and the parse covers its estimated
 * heap with a {@link HeaderMemory.Lease} as it reads, so concurrent large headers take turns.
 */
final class ObjectParser {

    /** What the parser may pull beyond the end of the header (its buffer), on top of the cap. */
    private static final long READ_AHEAD = 128 * 1024;
    /** In deflated data sets, binary values above this are skipped rather than held. */
    private static final long DEFLATED_BULK_THRESHOLD = 64 * 1024;

    private final long maxHeaderBytes;
    private final HeaderLimits limits;
    private final HeaderStop stop;

    ObjectParser(long maxHeaderBytes, HeaderLimits limits) {
        this.maxHeaderBytes = maxHeaderBytes;
        this.limits = limits;
        this.stop = new HeaderStop(maxHeaderBytes);
    }

    /**
     * @param lease covers the header's estimated heap as it is read; the caller closes it once
     *              the header is no longer needed
     * @throws Refusal           the object is invalid or its header too large (nothing was stored,
     *                           the source is partly read)
     * @throws HeaderMemory.Busy no room in the header memory budget: retry later
     * @throws IOException       reading the sender's stream failed
     */
    ParsedObject parse(IngestRequest request, HeaderMemory.Lease lease) throws Refusal, IOException {
        HeaderCapture capture = new HeaderCapture(request.content(), maxHeaderBytes + READ_AHEAD);
        DicomStreamReader[] parsing = {null};
        capture.watch(c -> lease.cover(cost(c, parsing[0])));
        boolean[] deflated = {false};
        Predicate<ElementHeader> stopHere = h -> deflated[0] ? h.offset() > maxHeaderBytes : stop.test(h);
        BulkDataDescriptor skipInDeflated = (depth, tag, vr, length) -> deflated[0]
                && BulkDataDescriptor.binaryLongerThan(DEFLATED_BULK_THRESHOLD).isBulkData(depth, tag, vr, length);
        ReadOptions options = limits.applyTo(ReadOptions.DEFAULT).withStopBefore(stopHere)
                .withBulkData(skipInDeflated, BulkDataHandler.DISCARD);
        Dataset header = new Dataset();
        DicomStreamReader reader;
        try {
            reader = request.encoding() instanceof IngestRequest.DataSet ds
                    ? DicomStreamReader.forDataset(capture, TransferSyntax.of(ds.transferSyntaxUid()), options)
                    : DicomStreamReader.open(capture, options);
            parsing[0] = reader;
            deflated[0] = reader.transferSyntax().deflated();
            DatasetBuilder.build(reader, header);
            lease.cover(cost(capture, reader));
        } catch (HeaderCapture.LimitExceeded e) {
            throw tooLarge(header);
        } catch (HeaderMemory.Exceeded e) {
            throw new Refusal(ids(header), Problem.HEADER_TOO_LARGE, e.getMessage(), -1);
        } catch (DatasetLimitException e) {
            throw new Refusal(ids(header), Problem.HEADER_TOO_LARGE, "the header has " + e.reason()
                    + " (" + property(e.limit()) + ")", e.tag());
        } catch (TruncatedDicomException e) {
            throw new Refusal(ids(header), Problem.TRUNCATED, "truncated: " + e.getMessage(), e.tag());
        } catch (MalformedDicomException e) {
            boolean notDicom = e.reason().startsWith("not DICOM");
            throw new Refusal(ids(header), notDicom ? Problem.NOT_DICOM : Problem.MALFORMED,
                    notDicom ? "not a DICOM object: " + e.reason() : "malformed DICOM: " + e.getMessage(), e.tag());
        }
        boolean stopped = reader.token() == DicomStreamReader.Token.STOPPED;
        long headerBytes = stopped && !deflated[0] ? reader.position() : capture.count();
        if (headerBytes > maxHeaderBytes) {
            throw tooLarge(header);
        }
        int stoppedBefore = stopped ? reader.tag() : -1;
        if (deflated[0]) {
            HeaderStop.trimPixelData(header);
        }
        reader.close(); // releases an inflater; the capture does not close the sender's stream
        TransferSyntax syntax = reader.transferSyntax();

        InputStream whole = new SequenceInputStream(capture.captured(), capture.rest());
        if (stopped) {
            whole = new TailVerifier(whole, headerBytes, syntax.explicitVR(), syntax.bigEndian());
        }
        if (request.encoding() instanceof IngestRequest.DataSet ds) {
            Dataset meta = FileMetaInformation.create(ds.sopClassUid(), ds.sopInstanceUid(), ds.transferSyntaxUid());
            if (!request.source().id().isEmpty() && request.source().channel() == IngestSource.Channel.DIMSE) {
                meta.setString(Tags.SourceApplicationEntityTitle, VR.AE, request.source().id());
            }
            return new ParsedObject(meta, header, syntax, ds.transferSyntaxUid(), stoppedBefore,
                    new SequenceInputStream(new ByteArrayInputStream(part10Head(meta)), whole));
        }
        Dataset meta = reader.fileMeta();
        if (meta == null) {
            throw new Refusal(ids(header), Problem.NOT_PART10,
                    "not a DICOM Part 10 file: no File Meta Information (group 0002)", -1);
        }
        String declared = meta.getString(Tag.TRANSFER_SYNTAX_UID);
        if (declared == null || declared.isEmpty()) {
            throw new Refusal(ids(header), Problem.NOT_PART10,
                    "the File Meta Information has no Transfer Syntax UID", Tag.TRANSFER_SYNTAX_UID);
        }
        return new ParsedObject(meta, header, syntax, declared, stoppedBefore, whole);
    }

    /** The estimated heap of what has been read so far. */
    private static long cost(HeaderCapture capture, DicomStreamReader reader) {
        return HeaderMemory.estimate(capture.buffer().length, capture.count(),
                reader == null ? 0 : reader.elementCount(), reader == null ? 0 : reader.itemCount());
    }

    private static String property(DatasetLimitException.Limit limit) {
        return switch (limit) {
            case ELEMENTS -> "vna.ingest.max-header-elements";
            case ITEMS -> "vna.ingest.max-header-items";
            case DEPTH -> "vna.ingest.max-header-depth";
        };
    }

    private Refusal tooLarge(Dataset header) {
        return new Refusal(ids(header), Problem.HEADER_TOO_LARGE, "the header (the data set before Pixel Data) is"
                + " larger than " + maxHeaderBytes + " bytes (vna.ingest.max-header-bytes)", -1);
    }

    private static ObjectIds ids(Dataset header) {
        return new ObjectIds(header.getString(Tags.SOPClassUID), header.getString(Tags.SOPInstanceUID),
                header.getString(Tags.StudyInstanceUID));
    }

    /** Preamble, "DICM" and the File Meta Information, as written in front of a bare data set. */
    static byte[] part10Head(Dataset meta) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        DicomWriter.writeFile(new DicomFile(new byte[128], true, meta, new Dataset(),
                TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, null, null), out, EncodingOptions.DEFAULT);
        return out.toByteArray();
    }
}
