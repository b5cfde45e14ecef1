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
import org.vesalius.vna.archive.dicomweb.WadoRs;

/**
 * WADO-RS (PS3.18 10.4): the HTTP edge of {@link WadoRs}. Studies, series and instances (as
 * stored or transcoded, per the Accept header's {@code transfer-syntax}); their {@code /metadata};
 * an instance's {@code /frames/{list}} and {@code /bulkdata/{path}}; rendered instances and frames
 * ({@code /rendered}) and thumbnails of studies, series, instances and frames ({@code /thumbnail}).
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
        writer.write(wado.retrieve(study, null, null, writer.request(rq)), rq, rs);
    }

    @GetMapping("/dicomweb/studies/{study}/series/{series}")
    void series(@PathVariable String study, @PathVariable String series, HttpServletRequest rq, HttpServletResponse rs)
            throws IOException {
        writer.write(wado.retrieve(study, series, null, writer.request(rq)), rq, rs);
    }

    @GetMapping(INSTANCE)
    void instance(@PathVariable String study, @PathVariable String series, @PathVariable String instance, HttpServletRequest rq,
            HttpServletResponse rs) throws IOException {
        writer.write(wado.retrieve(study, series, instance, writer.request(rq)), rq, rs);
    }

    @GetMapping("/dicomweb/studies/{study}/metadata")
    void studyMetadata(@PathVariable String study, HttpServletRequest rq, HttpServletResponse rs) throws IOException {
        writer.write(wado.metadata(study, null, null, writer.request(rq)), rq, rs);
    }

    @GetMapping("/dicomweb/studies/{study}/series/{series}/metadata")
    void seriesMetadata(@PathVariable String study, @PathVariable String series, HttpServletRequest rq, HttpServletResponse rs)
            throws IOException {
        writer.write(wado.metadata(study, series, null, writer.request(rq)), rq, rs);
    }

    @GetMapping(INSTANCE + "/metadata")
    void instanceMetadata(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
            HttpServletRequest rq, HttpServletResponse rs) throws IOException {
        writer.write(wado.metadata(study, series, instance, writer.request(rq)), rq, rs);
    }

    @GetMapping(INSTANCE + "/frames/{frames}")
    void frames(@PathVariable String study, @PathVariable String series, @PathVariable String instance, @PathVariable String frames,
            HttpServletRequest rq, HttpServletResponse rs) throws IOException {
        writer.write(wado.frames(study, series, instance, frames, writer.request(rq)), rq, rs);
    }

    @GetMapping(INSTANCE + "/rendered")
    void renderedInstance(@PathVariable String study, @PathVariable String series, @PathVariable String instance, HttpServletRequest rq,
            HttpServletResponse rs) throws IOException {
        writer.write(wado.rendered(study, series, instance, null, parameters(rq), writer.request(rq)), rq, rs);
    }

    @GetMapping(INSTANCE + "/frames/{frames}/rendered")
    void renderedFrames(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
            @PathVariable String frames, HttpServletRequest rq, HttpServletResponse rs) throws IOException {
        writer.write(wado.rendered(study, series, instance, frames, parameters(rq), writer.request(rq)), rq, rs);
    }

    @GetMapping("/dicomweb/studies/{study}/thumbnail")
    void studyThumbnail(@PathVariable String study, HttpServletRequest rq, HttpServletResponse rs) throws IOException {
        writer.write(wado.thumbnail(study, null, null, null, parameters(rq), writer.request(rq)), rq, rs);
    }

    @GetMapping("/dicomweb/studies/{study}/series/{series}/thumbnail")
    void seriesThumbnail(@PathVariable String study, @PathVariable String series, HttpServletRequest rq, HttpServletResponse rs)
            throws IOException {
        writer.write(wado.thumbnail(study, series, null, null, parameters(rq), writer.request(rq)), rq, rs);
    }

    @GetMapping(INSTANCE + "/thumbnail")
    void instanceThumbnail(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
            HttpServletRequest rq, HttpServletResponse rs) throws IOException {
        writer.write(wado.thumbnail(study, series, instance, null, parameters(rq), writer.request(rq)), rq, rs);
    }

    @GetMapping(INSTANCE + "/frames/{frame}/thumbnail")
    void frameThumbnail(@PathVariable String study, @PathVariable String series, @PathVariable String instance,
            @PathVariable String frame, HttpServletRequest rq, HttpServletResponse rs) throws IOException {
        writer.write(wado.thumbnail(study, series, instance, frame, parameters(rq), writer.request(rq)), rq, rs);
    }

    /** The query parameters, decoded. */
    static Map<String, List<String>> parameters(HttpServletRequest rq) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        rq.getParameterMap().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        return parameters;
    }

    @GetMapping(INSTANCE + "/bulkdata/**")
    void bulkData(@PathVariable String study, @PathVariable String series, @PathVariable String instance, HttpServletRequest rq,
            HttpServletResponse rs) throws IOException {
        String uri = rq.getRequestURI();
        String path = uri.substring(uri.indexOf("/bulkdata/") + "/bulkdata/".length());
        writer.write(wado.bulkData(study, series, instance, path, writer.request(rq)), rq, rs);
    }
}
