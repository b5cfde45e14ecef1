package org.vesalius.vna.server.dicomweb;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vesalius.vna.archive.dicomweb.WadoUri;

/** WADO-URI ({@code GET /wado?requestType=WADO&…}, PS3.18 9): the HTTP edge of {@link WadoUri}. */
@RestController
class WadoUriController {

    private final WadoUri wado;
    private final WadoResponseWriter writer;

    WadoUriController(WadoUri wado, WadoResponseWriter writer) {
        this.wado = wado;
        this.writer = writer;
    }

    @GetMapping("/wado")
    void get(HttpServletRequest rq, HttpServletResponse rs) throws IOException {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        rq.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        writer.write(wado.get(parameters, writer.request(rq)), rq, rs);
    }
}
