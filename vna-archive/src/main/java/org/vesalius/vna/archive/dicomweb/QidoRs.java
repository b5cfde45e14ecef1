package org.vesalius.vna.archive.dicomweb;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.NativeXmlWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.UnavailableException;
import org.vesalius.vna.archive.api.query.QidoQueryParser;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryResult;
import org.vesalius.vna.archive.api.query.QueryPort;

/**
 * The Search transaction (PS3.18 10.6, QIDO-RS) without a web framework: the query parameters go
 * to {@link QidoQueryParser} as they came (percent-decoded), the one {@link QueryPort} answers,
 * and the matches stream out as an {@code application/dicom+json} array or as
 * {@code multipart/related; type="application/dicom+xml"} (one PS3.19 document a part, through
 * the shared {@link MultipartWriter}). The HTTP adapter passes the parameters and the Accept
 * header and writes the {@link WadoResponse}.
 *
 * <p>Answers: 200 with the matches (also when there are none: {@code []}, or a multipart body
 * with no parts, as CP-2473 settles), a {@code Warning: 299} header when more matches follow the
 * page and one per key that was not matched as asked; otherwise the failure ({@link WadoProblems}):
 * a query the archive cannot run (naming the parameter), a format the client does not accept, the
 * index unavailable (ingest keeps working meanwhile).
 */
public final class QidoRs {

    /** The warning sent when the page is not the last one. */
    public static final String MORE_RESULTS = "There are additional results that can be requested";

    /** The body stream belongs to the HTTP edge (it may be gzipping): a generator never closes it. */
    private static final JsonFactory JSON = JsonFactory.builder().disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final QueryPort queries;

    public QidoRs(QueryPort queries) {
        this.queries = Objects.requireNonNull(queries, "queries");
    }

    /**
     * Runs one search.
     *
     * @param level        what is searched for
     * @param study        the {@code {study}} of the path, or null
     * @param series       the {@code {series}} of the path, or null
     * @param parameters   the query parameters in request order, values percent-decoded
     * @param acceptHeader the request's Accept header, or null
     */
    public WadoResponse search(QueryLevel level, String study, String series, Map<String, List<String>> parameters,
            String acceptHeader) {
        ResultFormat format = ResultFormat.negotiate(parameters, acceptHeader);
        if (format == null) {
            return WadoProblems.notAcceptable(
                    "search results are application/dicom+json or multipart/related; type=\"application/dicom+xml\"");
        }
        WadoResponse.Problem bad = WadoProblems.invalidUid(study, series);
        if (bad != null) {
            return bad;
        }
        QueryResult result;
        try {
            // QIDO-RS sends no total, only whether more follow: the index need not count.
            Query query = QidoQueryParser.parse(level, new QidoQueryParser.Scope(study, series), parameters).withTotal(false);
            result = queries.query(query);
        } catch (UnavailableException e) {
            // Said for the searcher: what the outage means to them (the cause stays in the log).
            return new WadoResponse.Problem(new UnavailableException("the study index is not available; stored instances are safe"
                    + " and will be searchable when it is back", e.retryAfter(), e));
        } catch (ArchiveException e) {
            return new WadoResponse.Problem(e);
        }
        List<String> warnings = new ArrayList<>(result.warnings());
        if (result.truncated()) {
            warnings.add(0, MORE_RESULTS);
        }
        List<WadoResponse.Header> headers = Warnings.values(warnings).stream().map(v -> new WadoResponse.Header("Warning", v)).toList();
        List<Dataset> matches = result.matches();
        if (format == ResultFormat.JSON) {
            return new WadoResponse.Content(200, "application/dicom+json", -1, headers, out -> writeJson(matches, out));
        }
        String boundary = UUID.randomUUID().toString();
        return new WadoResponse.Content(200, "multipart/related; type=\"application/dicom+xml\"; boundary=" + boundary, -1, headers,
                out -> writeXml(matches, boundary, out));
    }

    private static void writeJson(List<Dataset> matches, OutputStream out) throws IOException {
        try (JsonGenerator gen = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            DicomJsonWriter writer = new DicomJsonWriter(gen, WriteOptions.DEFAULT);
            gen.writeStartArray();
            for (Dataset d : matches) {
                writer.write(d);
            }
            gen.writeEndArray();
        }
    }

    private static void writeXml(List<Dataset> matches, String boundary, OutputStream out) throws IOException {
        MultipartWriter parts = new MultipartWriter(out, boundary);
        for (Dataset d : matches) {
            parts.part("application/dicom+xml", null, o -> NativeXmlWriter.write(d, WriteOptions.DEFAULT, o));
        }
        parts.finish();
    }

    private enum ResultFormat {
        JSON, XML;

        private static final List<AcceptHeader.Offer<ResultFormat>> OFFERS = List.of(
                AcceptHeader.Offer.of("application/dicom+json", JSON),
                AcceptHeader.Offer.of("application/json", JSON),
                AcceptHeader.Offer.of("multipart/related; type=\"application/dicom+xml\"", XML),
                AcceptHeader.Offer.of("application/dicom+xml", XML));

        /**
         * The format the {@code accept} query parameter (PS3.18 8.3.3.1, which takes precedence)
         * or else the Accept header asks for; null when neither is acceptable.
         */
        static ResultFormat negotiate(Map<String, List<String>> parameters, String acceptHeader) {
            List<String> param = parameters.get("accept");
            String accept = param != null && !param.isEmpty() ? String.join(",", param) : acceptHeader;
            return AcceptHeader.parse(accept).negotiate(OFFERS).orElse(null);
        }
    }
}
