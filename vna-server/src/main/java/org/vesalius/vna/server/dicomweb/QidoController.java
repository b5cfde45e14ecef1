package org.vesalius.vna.server.dicomweb;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.vesalius.vna.archive.dicomweb.QidoRs;
import org.vesalius.vna.archive.api.query.QueryLevel;

/**
 * QIDO-RS (PS3.18 10.6): the HTTP edge of {@link QidoRs}. Passes the query parameters (in request
 * order, percent-decoded by the container) and the Accept header; writes what comes back.
 */
@RestController
class QidoController {

    private final QidoRs qido;
    private final WadoResponseWriter writer;

    QidoController(QidoRs qido, WadoResponseWriter writer) {
        this.qido = qido;
        this.writer = writer;
    }

    @GetMapping("/dicomweb/studies")
    void studies(HttpServletRequest request, HttpServletResponse response) throws IOException {
        search(QueryLevel.STUDY, null, null, request, response);
    }

    @GetMapping("/dicomweb/series")
    void series(HttpServletRequest request, HttpServletResponse response) throws IOException {
        search(QueryLevel.SERIES, null, null, request, response);
    }

    @GetMapping("/dicomweb/studies/{study}/series")
    void seriesOfStudy(@PathVariable String study, HttpServletRequest request, HttpServletResponse response) throws IOException {
        search(QueryLevel.SERIES, study, null, request, response);
    }

    @GetMapping("/dicomweb/instances")
    void instances(HttpServletRequest request, HttpServletResponse response) throws IOException {
        search(QueryLevel.INSTANCE, null, null, request, response);
    }

    @GetMapping("/dicomweb/studies/{study}/instances")
    void instancesOfStudy(@PathVariable String study, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        search(QueryLevel.INSTANCE, study, null, request, response);
    }

    @GetMapping("/dicomweb/studies/{study}/series/{series}/instances")
    void instancesOfSeries(@PathVariable String study, @PathVariable String series, HttpServletRequest request,
            HttpServletResponse response) throws IOException {
        search(QueryLevel.INSTANCE, study, series, request, response);
    }

    private void search(QueryLevel level, String study, String series, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        writer.write(qido.search(level, study, series, parameters, request.getHeader("Accept")), request, response);
    }
}
