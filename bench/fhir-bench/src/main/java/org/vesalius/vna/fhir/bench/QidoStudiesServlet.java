package org.vesalius.vna.fhir.bench;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.vna.archive.api.query.QidoQueryParser;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.api.query.QueryResult;

/**
 * {@code GET /dicomweb/studies}: what a QIDO-RS endpoint does with the archive's query port
 * (QidoQueryParser, QueryPort, DICOM JSON), so that the benchmark compares FHIR and QIDO-RS on
 * the same index, the same HTTP stack and the same client (the server's QidoController puts
 * Spring MVC around the same calls).
 */
final class QidoStudiesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient QueryPort queries;

    QidoStudiesServlet(QueryPort queries) {
        this.queries = queries;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Map<String, List<String>> params = new LinkedHashMap<>();
        request.getParameterMap().forEach((k, v) -> params.put(k, Arrays.asList(v)));
        QueryResult result = queries.query(QidoQueryParser.parse(QueryLevel.STUDY, params));
        response.setContentType("application/dicom+json");
        try (OutputStream out = response.getOutputStream()) {
            out.write('[');
            boolean first = true;
            for (Dataset d : result.matches()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                DicomJsonWriter.write(d, WriteOptions.DEFAULT, out);
            }
            out.write(']');
        }
    }
}
