package org.vesalius.vna.archive.dicomweb;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.vna.archive.api.failure.HttpFailure;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.failure.UnsupportedException;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.ingest.IngestRequest;
import org.vesalius.vna.archive.api.ingest.IngestResult;
import org.vesalius.vna.archive.api.ingest.IngestSource;
import org.vesalius.vna.archive.api.ingest.ObjectIds;

/**
 * The Studies Store transaction (PS3.18 10.5, STOW-RS) without a web framework: reads a
 * {@code multipart/related; type="application/dicom"} body part by part as it arrives
 * ({@link MultipartReader}), hands each part to the one {@link IngestPort}, and builds the Store
 * Instances Response. The HTTP adapter only passes the Content-Type, the body stream and who
 * sent it, and writes the outcome.
 */
public final class StowRs {

    private static final Logger LOG = LoggerFactory.getLogger(StowRs.class);
    private static final String DICOM = "application/dicom";

    private final IngestPort ingest;
    private final String modifyingSystem;

    /**
     * @param ingest          the one ingest service
     * @param modifyingSystem how this archive names itself in Original Attributes Sequence items
     *                        (its AE title)
     */
    public StowRs(IngestPort ingest, String modifyingSystem) {
        this.ingest = Objects.requireNonNull(ingest, "ingest");
        this.modifyingSystem = Objects.requireNonNull(modifyingSystem, "modifyingSystem");
    }

    /**
     * Stores the instances of one request.
     *
     * @param contentType the request's Content-Type header
     * @param body        the request body, streamed (never buffered here)
     * @param source      the STOW client
     * @param studyUid    the {@code {study}} of {@code POST /studies/{study}}, or null
     * @param baseUrl     the DICOMweb base URL for Retrieve URLs, e.g. {@code http://host:8080/dicomweb}
     */
    public StowOutcome store(String contentType, InputStream body, IngestSource source, String studyUid, String baseUrl) {
        Optional<MediaType> type = MediaType.parse(contentType);
        if (type.isEmpty() || !type.get().essence().equals("multipart/related")) {
            return new StowOutcome.Problem(new UnsupportedException(HttpFailure.CONTENT_TYPE, "STOW-RS takes multipart/related;"
                    + " type=\"application/dicom\"; the request's Content-Type is " + (contentType == null ? "missing" : contentType), null));
        }
        String rootType = type.get().parameter("type").orElse(DICOM).strip();
        if (!rootType.equalsIgnoreCase(DICOM)) {
            return new StowOutcome.Problem(new UnsupportedException(HttpFailure.CONTENT_TYPE, "only type=\"application/dicom\" parts are"
                    + " supported (Part 10 instances); the request declares type=\"" + rootType + "\"", null));
        }
        Optional<String> boundary = type.get().parameter("boundary");
        if (boundary.isEmpty() || boundary.get().isEmpty() || boundary.get().length() > 70) {
            return new StowOutcome.Problem(new InvalidRequestException(HttpFailure.CONTENT_TYPE, "the multipart/related Content-Type"
                    + " needs a boundary parameter of 1 to 70 characters"));
        }
        MultipartReader reader = new MultipartReader(body, boundary.get());
        StoreInstancesResponse response = new StoreInstancesResponse(baseUrl, studyUid, modifyingSystem);
        List<String> warnings = new ArrayList<>();
        int recorded = 0; // the last part with an entry in the response
        try {
            MultipartReader.Part part;
            while ((part = reader.next()) != null) {
                IngestResult result = storePart(part, source, studyUid);
                if (reader.failure() != null) {
                    break; // the body broke inside this part: a request-level error, below
                }
                response.add(result);
                recorded = part.index();
                describe(part.index(), result).ifPresent(warnings::add);
            }
        } catch (IOException e) {
            // reported below through reader.failure(); it may break while skipping the rest of
            // a part already answered (refused after its header)
        }
        IOException broken = reader.failure();
        if (broken != null) {
            LOG.info("STOW-RS from {}: request body unusable after {} part(s): {}", LogValue.of(source), reader.partCount(),
                    LogValue.of(broken.getMessage()));
            if (response.storedCount() == 0) {
                // MultipartException (an IOException while reading) becomes the failure kind here.
                return new StowOutcome.Problem(new InvalidRequestException("body", "the multipart body cannot be read: "
                        + broken.getMessage(), broken));
            }
            if (recorded < reader.partCount()) {
                response.addBrokenPart();
            }
            warnings.add("part " + reader.partCount() + ": " + broken.getMessage() + "; later parts, if any, were not read");
        } else if (reader.partCount() == 0) {
            return new StowOutcome.Problem(new InvalidRequestException("body", "the multipart body has no parts"));
        }
        return new StowOutcome.Response(response.httpStatus(), response.build(), warnings);
    }

    private IngestResult storePart(MultipartReader.Part part, IngestSource source, String studyUid) {
        Optional<MediaType> partType = part.contentType().flatMap(MediaType::parse);
        if (part.contentType().isPresent() && (partType.isEmpty() || !partType.get().essence().equals(DICOM))) {
            return new IngestResult.InvalidObject(ObjectIds.UNKNOWN, IngestResult.Problem.NOT_DICOM,
                    "part " + part.index() + " is " + part.contentType().get() + ", not " + DICOM, -1);
        }
        return ingest.ingest(IngestRequest.part10(source, part.content(), studyUid));
    }

    private static Optional<String> describe(int index, IngestResult result) {
        return switch (result) {
            case IngestResult.Failure f -> Optional.of("part " + index + (f.ids().sopInstanceUid().isEmpty() ? ""
                    : " (" + f.ids().sopInstanceUid() + ")") + ": " + f.message());
            case IngestResult.Stored s when !s.coercions().isEmpty() -> Optional.of("part " + index + " ("
                    + s.instance().ref().sopInstanceUid() + "): " + s.coercions().get(0).reason());
            default -> Optional.empty();
        };
    }
}
