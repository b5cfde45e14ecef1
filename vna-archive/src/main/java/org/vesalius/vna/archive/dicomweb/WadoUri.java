package org.vesalius.vna.archive.dicomweb;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.retrieve.RetrieveScope;
import org.vesalius.vna.archive.api.retrieve.ServedInstance;
import org.vesalius.vna.archive.api.retrieve.RenderPort;
import org.vesalius.vna.archive.api.retrieve.RetrievePort;
import org.vesalius.vna.archive.api.retrieve.ResolvedInstance;

/**
 * WADO-URI (PS3.18 9, {@code /wado?requestType=WADO&studyUID=…&seriesUID=…&objectUID=…}): one
 * instance as {@code application/dicom}, as stored (with the journal applied, byte ranges and an
 * ETag) or transcoded into {@code transferSyntax} (406 naming the reason when that cannot be
 * done); or rendered ({@code image/jpeg}, the default when {@code contentType} is absent, or
 * {@code image/png}) with {@code frameNumber}, {@code windowCenter}/{@code windowWidth},
 * {@code rows}/{@code columns} and {@code imageQuality}, see {@link WadoUriImage}.
 */
public final class WadoUri {

    private final RetrievePort retrieve;
    private final RenderPort render;

    public WadoUri(RetrievePort retrieve, RenderPort render) {
        this.retrieve = Objects.requireNonNull(retrieve, "retrieve");
        this.render = Objects.requireNonNull(render, "render");
    }

    /**
     * Answers a WADO-URI request.
     *
     * @param parameters the query parameters, percent-decoded (names are case-sensitive, as PS3.18 defines them)
     */
    public WadoResponse get(Map<String, List<String>> parameters, WadoRequest rq) {
        String requestType = one(parameters, "requestType");
        if (!"WADO".equals(requestType)) {
            return WadoProblems.badRequest("requestType", "requestType=WADO is required" + (requestType == null ? "" : "; got \"" + requestType + "\""));
        }
        String study = one(parameters, "studyUID");
        String series = one(parameters, "seriesUID");
        String object = one(parameters, "objectUID");
        if (study == null || series == null || object == null) {
            return WadoProblems.badRequest(study == null ? "studyUID" : series == null ? "seriesUID" : "objectUID", "studyUID, seriesUID and objectUID are required");
        }
        WadoResponse.Problem bad = WadoProblems.invalidUid(study, series, object);
        if (bad != null) {
            return bad;
        }
        String contentType = one(parameters, "contentType");
        if ("yes".equalsIgnoreCase(one(parameters, "anonymize"))) {
            return WadoProblems.notAcceptable("anonymize=yes is not supported");
        }
        InstanceRef ref = new InstanceRef(study, series, object);
        if (!acceptsDicom(contentType)) {
            return WadoUriImage.answer(render, ref, contentType, parameters, rq);
        }
        String syntax = one(parameters, "transferSyntax");
        try {
            List<? extends ResolvedInstance> found = retrieve.resolve(RetrieveScope.instance(ref));
            if (found.isEmpty()) {
                return WadoProblems.notFound("no instance " + object + " in series " + series + " of study " + study);
            }
            ServedInstance instance = found.get(0).open();
            if (syntax == null || syntax.equals("*") || syntax.equals(instance.transferSyntaxUid())) {
                return WadoRs.instance(instance, new RetrieveNegotiation.DicomChoice(false, null), rq);
            }
            if (!InstanceRef.isValidUid(syntax)) {
                return WadoProblems.badRequest("transferSyntax", "\"" + syntax + "\" is not a UID");
            }
            java.util.Optional<String> why = instance.unavailableIn(syntax);
            if (why.isPresent()) {
                return WadoProblems.notAcceptable("the instance is stored in " + instance.transferSyntaxUid() + "; transferSyntax="
                        + syntax + ": " + why.get());
            }
            return WadoRs.transcoded(instance, new RetrieveNegotiation.DicomChoice(false, syntax), rq);
        } catch (RuntimeException e) {
            return WadoProblems.of(e);
        }
    }

    /** Whether the contentType list (comma-separated, maybe with q-values) includes application/dicom. */
    private static boolean acceptsDicom(String contentType) {
        if (contentType == null) {
            return false;
        }
        for (AcceptHeader.Range r : AcceptHeader.parse(contentType).ranges()) {
            if (r.q() > 0 && r.mediaType().essence().toLowerCase(Locale.ROOT).equals("application/dicom")) {
                return true;
            }
        }
        return false;
    }

    static String one(Map<String, List<String>> parameters, String name) {
        List<String> v = parameters.get(name);
        return v == null || v.isEmpty() || v.get(0).isBlank() ? null : v.get(0).strip();
    }
}
