package org.vesalius.vna.archive.dicomweb;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.retrieve.RetrievableInstance;
import org.vesalius.vna.archive.retrieve.RetrieveService;

/**
 * WADO-URI (PS3.18 9, {@code /wado?requestType=WADO&studyUID=…&seriesUID=…&objectUID=…}): one
 * instance as {@code application/dicom}, as stored (with the journal applied), with byte ranges
 * and an ETag. {@code transferSyntax} may name the stored syntax (or {@code *}); anything else
 * needs transcoding, which is not available yet (406). Rendered content types ({@code image/jpeg},
 * the default when {@code contentType} is absent, {@code image/png}, {@code text/html}, …) come
 * with rendering: until then 406 with a problem that says so.
 */
public final class WadoUri {

    private final RetrieveService retrieve;

    public WadoUri(RetrieveService retrieve) {
        this.retrieve = Objects.requireNonNull(retrieve, "retrieve");
    }

    /**
     * Answers a WADO-URI request.
     *
     * @param parameters the query parameters, percent-decoded (names are case-sensitive, as PS3.18 defines them)
     */
    public WadoResponse get(Map<String, List<String>> parameters, WadoRequest rq) {
        String requestType = one(parameters, "requestType");
        if (!"WADO".equals(requestType)) {
            return WadoProblems.badRequest("requestType=WADO is required" + (requestType == null ? "" : "; got \"" + requestType + "\""));
        }
        String study = one(parameters, "studyUID");
        String series = one(parameters, "seriesUID");
        String object = one(parameters, "objectUID");
        if (study == null || series == null || object == null) {
            return WadoProblems.badRequest("studyUID, seriesUID and objectUID are required");
        }
        WadoResponse.Problem bad = WadoProblems.invalidUid(study, series, object);
        if (bad != null) {
            return bad;
        }
        String contentType = one(parameters, "contentType");
        if (!acceptsDicom(contentType)) {
            return WadoProblems.notAcceptable("contentType " + (contentType == null ? "absent (image/jpeg)" : contentType)
                    + ": rendered images and documents are not available yet; ask contentType=application/dicom");
        }
        if ("yes".equalsIgnoreCase(one(parameters, "anonymize"))) {
            return WadoProblems.notAcceptable("anonymize=yes is not supported");
        }
        String syntax = one(parameters, "transferSyntax");
        try {
            RetrievableInstance instance = retrieve.instance(new InstanceRef(study, series, object));
            if (syntax != null && !syntax.equals("*") && !syntax.equals(instance.transferSyntaxUid())) {
                return WadoProblems.notAcceptable("the instance is stored in " + instance.transferSyntaxUid() + "; transferSyntax="
                        + syntax + " needs transcoding, which is not available yet");
            }
            return WadoRs.instance(instance, new RetrieveNegotiation.DicomChoice(false, null), rq);
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

    private static String one(Map<String, List<String>> parameters, String name) {
        List<String> v = parameters.get(name);
        return v == null || v.isEmpty() || v.get(0).isBlank() ? null : v.get(0).strip();
    }
}
