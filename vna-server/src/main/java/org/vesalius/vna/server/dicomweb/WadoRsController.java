package org.vesalius.vna.server.dicomweb;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.vesalius.vna.archive.dicomweb.WadoRs;

/**
 * WADO-RS (PS3.18 10.4): the HTTP edge of {@link WadoRs}. Studies, series and instances;
 * their {@code /metadata}; an instance's {@code /frames/{list}} and {@code /bulkdata/{path}}.
 */
@RestController
class WadoRsController {

    private static final String INSTANCE = "/dicomweb/studies/{study}/series/{series}/instances/{instance}";

    private final WadoRs wado;
    private final WadoResponseWriter writer;

    WadoRsController(WadoRs wado, WadoResponseWriter writer) {
        this.wado = wado;
        this.writer = writer;
    }

    @GetMapping("/dicomweb/studies/{study}")
    void study(@PathVariable String study, HttpServletRequest rq, HttpServletResponse rs) throws IOException {
        writer.write(wado.retrieve(study, null, null, WadoResponseWriter.request(rq)), rq, rs);
    }

    @GetMapping("/dicomweb/studies/{study}/series/{series}")
    void series(@PathVariable String study, @PathVariable String series, HttpServletRequest rq, HttpServletResponse rs)
            throws IOException {
        writer.write(wado.retrieve(study, series, null, WadoResponseWriter.request(rq)), rq, rs);
    }

    @GetMapping(INSTANCE)
    void instance(@PathVariable String study, @PathVariable String series, @PathVariable String instance, HttpServletRequest rq,
            HttpServletResponse rs) throws IOException {
        writer.write(wado.retrieve(study, series, instance, WadoResponseWriter.request(rq)), rq, rs);
    }

    @GetMapping("/dicomweb/studies/{study}/metadata")
    void studyMetadata(@PathVariable String study, HttpServletRequest rq, HttpServletResponse rs) throws IOException {
        writer.write(wado.metadata(study, null, null, WadoResponseWriter.request(rq)), rq, rs);
    }

    @GetMapping("/dicomweb/studies/{study}/series/{series}/metadata")
    void seriesMetadata(@PathVariable String study, @PathVariable String series, HttpServletRequest rq, HttpServletResponse rs)
            throws IOException {
        writer.write(wado.metadata(study, series, null, WadoResponseWriter.request(rq)), rq, rs);
    }

    @GetMapping(INSTANCE + "/metadata")
    void instanceMetadata(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
            HttpServletRequest rq, HttpServletResponse rs) throws IOException {
        writer.write(wado.metadata(study, series, instance, WadoResponseWriter.request(rq)), rq, rs);
    }

    @GetMapping(INSTANCE + "/frames/{frames}")
    void frames(@PathVariable String study, @PathVariable String series, @PathVariable String instance, @PathVariable String frames,
            HttpServletRequest rq, HttpServletResponse rs) throws IOException {
        writer.write(wado.frames(study, series, instance, frames, WadoResponseWriter.request(rq)), rq, rs);
    }

    @GetMapping(INSTANCE + "/bulkdata/**")
    void bulkData(@PathVariable String study, @PathVariable String series, @PathVariable String instance, HttpServletRequest rq,
            HttpServletResponse rs) throws IOException {
        String uri = rq.getRequestURI();
        String path = uri.substring(uri.indexOf("/bulkdata/") + "/bulkdata/".length());
        writer.write(wado.bulkData(study, series, instance, path, WadoResponseWriter.request(rq)), rq, rs);
    }
}
