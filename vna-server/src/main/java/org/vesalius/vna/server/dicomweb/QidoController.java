package org.vesalius.vna.server.dicomweb;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.NativeXmlWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.query.InvalidQueryException;
import org.vesalius.vna.archive.api.query.QidoQueryParser;
import org.vesalius.vna.archive.api.query.Query;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.QueryResult;
import org.vesalius.vna.archive.dicomweb.AcceptHeader;
import org.vesalius.vna.archive.index.IndexUnavailableException;
import org.vesalius.vna.server.web.ProblemWriter;
import org.vesalius.vna.server.web.WarningHeaders;

/**
 * QIDO-RS (PS3.18 10.6): the HTTP edge of {@link QueryPort}. The query parameters go to
 * {@link QidoQueryParser} as they came (percent-decoded by the container), the matches are
 * streamed out as an {@code application/dicom+json} array or as
 * {@code multipart/related; type="application/dicom+xml"}, one PS3.19 document per part.
 *
 * <p>Answers: 200 with the matches (also when there are none: {@code []}, or a multipart body
 * with no parts, as CP-2473 settles), a {@code Warning: 299} header when more matches follow the
 * page and one per key that was not matched as asked; 400 problem for a query the archive cannot
 * run (the message names the parameter); 406 when the client accepts neither format; 503 problem
 * with {@code Retry-After} while the index is unavailable (ingest keeps working meanwhile).
 */
@RestController
class QidoController {

    static final String MORE_RESULTS = "There are additional results that can be requested";

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int RETRY_AFTER_SECONDS = 10;

    private final QueryPort queries;
    private final ProblemWriter problems;

    QidoController(QueryPort queries, ProblemWriter problems) {
        this.queries = queries;
        this.problems = problems;
    }

    @GetMapping("/dicomweb/studies")
    void studies(HttpServletRequest request, HttpServletResponse response) throws IOException {
        search(QueryLevel.STUDY, QidoQueryParser.Scope.NONE, request, response);
    }

    @GetMapping("/dicomweb/series")
    void series(HttpServletRequest request, HttpServletResponse response) throws IOException {
        search(QueryLevel.SERIES, QidoQueryParser.Scope.NONE, request, response);
    }

    @GetMapping("/dicomweb/studies/{study}/series")
    void seriesOfStudy(@PathVariable String study, HttpServletRequest request, HttpServletResponse response) throws IOException {
        search(QueryLevel.SERIES, new QidoQueryParser.Scope(study, null), request, response);
    }

    @GetMapping("/dicomweb/instances")
    void instances(HttpServletRequest request, HttpServletResponse response) throws IOException {
        search(QueryLevel.INSTANCE, QidoQueryParser.Scope.NONE, request, response);
    }

    @GetMapping("/dicomweb/studies/{study}/instances")
    void instancesOfStudy(@PathVariable String study, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        search(QueryLevel.INSTANCE, new QidoQueryParser.Scope(study, null), request, response);
    }

    @GetMapping("/dicomweb/studies/{study}/series/{series}/instances")
    void instancesOfSeries(@PathVariable String study, @PathVariable String series, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        search(QueryLevel.INSTANCE, new QidoQueryParser.Scope(study, series), request, response);
    }

    private void search(QueryLevel level, QidoQueryParser.Scope scope, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Map<String, List<String>> parameters = parameters(request);
        ResultFormat format = ResultFormat.negotiate(parameters, request.getHeader("Accept"));
        if (format == null) {
            problems.write(request, response, 406, "Not Acceptable",
                    "search results are application/dicom+json or multipart/related; type=\"application/dicom+xml\"", false);
            return;
        }
        String badUid = invalidUid(scope);
        if (badUid != null) {
            problems.write(request, response, 400, "Bad Request", "\"" + badUid + "\" is not a UID", false);
            return;
        }
        QueryResult result;
        try {
            Query query = QidoQueryParser.parse(level, scope, parameters);
            result = queries.query(query);
        } catch (InvalidQueryException e) {
            problems.write(request, response, 400, "Bad Request", e.getMessage(), false);
            return;
        } catch (IndexUnavailableException e) {
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            problems.write(request, response, 503, "Service Unavailable",
                    "the study index is not available; stored instances are safe and will be searchable when it is back", false);
            return;
        }
        List<String> warnings = new ArrayList<>(result.warnings());
        if (result.truncated()) {
            warnings.add(0, MORE_RESULTS);
        }
        WarningHeaders.add(response, warnings);
        response.setStatus(200);
        if (format == ResultFormat.JSON) {
            writeJson(result.matches(), response);
        } else {
            writeXml(result.matches(), response);
        }
    }

    private static void writeJson(List<Dataset> matches, HttpServletResponse response) throws IOException {
        response.setContentType("application/dicom+json");
        try (OutputStream out = response.getOutputStream();
                JsonGenerator gen = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            DicomJsonWriter writer = new DicomJsonWriter(gen, WriteOptions.DEFAULT);
            gen.writeStartArray();
            for (Dataset d : matches) {
                writer.write(d);
            }
            gen.writeEndArray();
        }
    }

    private static void writeXml(List<Dataset> matches, HttpServletResponse response) throws IOException {
        String boundary = UUID.randomUUID().toString();
        response.setContentType("multipart/related; type=\"application/dicom+xml\"; boundary=" + boundary);
        try (OutputStream out = response.getOutputStream()) {
            String delimiter = "--" + boundary;
            for (Dataset d : matches) {
                out.write((delimiter + "\r\nContent-Type: application/dicom+xml\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                NativeXmlWriter.write(d, WriteOptions.DEFAULT, out);
                delimiter = "\r\n--" + boundary;
            }
            out.write((delimiter + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The query parameters in request order, values percent-decoded. */
    private static Map<String, List<String>> parameters(HttpServletRequest request) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> out.put(name, Arrays.asList(values)));
        return out;
    }

    private static String invalidUid(QidoQueryParser.Scope scope) {
        if (scope.studyInstanceUid() != null && !InstanceRef.isValidUid(scope.studyInstanceUid())) {
            return scope.studyInstanceUid();
        }
        if (scope.seriesInstanceUid() != null && !InstanceRef.isValidUid(scope.seriesInstanceUid())) {
            return scope.seriesInstanceUid();
        }
        return null;
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
