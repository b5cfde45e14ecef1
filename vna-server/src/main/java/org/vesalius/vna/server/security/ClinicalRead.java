package org.vesalius.vna.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.regex.Pattern;
import org.vesalius.vna.server.security.SmartScope.Interaction;

/**
 * The endpoint groups that read patient data, and the SMART scope each request of them needs
 * (documented in vna-server/README.md, "Patient-scoped access and SMART"):
 * <ul>
 * <li>QIDO-RS: a search of {@code ImagingStudy} ({@code .s}, v1 {@code .read});</li>
 * <li>WADO-RS (instances, metadata, frames, rendered, thumbnails, bulk data) and WADO-URI: a read
 *     of {@code ImagingStudy} ({@code .r}, v1 {@code .read}): the images are the study's;</li>
 * <li>FHIR: the interaction on the resource type of the path ({@code Patient/1} read,
 *     {@code Patient?...} search; a system-level request needs {@code *}); an {@code Endpoint}
 *     (no patient data: the study's DICOMweb address) is readable with an {@code Endpoint} or an
 *     {@code ImagingStudy} scope.</li>
 * </ul>
 */
enum ClinicalRead {
    DICOMWEB, WADO_URI, FHIR;

    private static final String IMAGING_STUDY = "ImagingStudy";
    private static final Pattern QIDO = Pattern.compile(
            "/dicomweb/(studies|series|instances)|/dicomweb/studies/[^/]+/(series|instances)|/dicomweb/studies/[^/]+/series/[^/]+/instances");

    /** What a request does, in SMART's terms: one of these resource types, one interaction. */
    record Target(List<String> resourceTypes, Interaction interaction) {
        Target {
            resourceTypes = List.copyOf(resourceTypes);
        }
    }

    /** What {@code request} (one of this group's) does. */
    Target target(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return switch (this) {
            case DICOMWEB -> new Target(List.of(IMAGING_STUDY), QIDO.matcher(path).matches() ? Interaction.SEARCH : Interaction.READ);
            case WADO_URI -> new Target(List.of(IMAGING_STUDY), Interaction.READ);
            case FHIR -> fhir(request.getMethod(), path.startsWith("/fhir") ? path.substring("/fhir".length()) : path);
        };
    }

    static Target fhir(String method, String path) {
        String[] segments = path.replaceAll("^/+|/+$", "").split("/+");
        String type = segments[0];
        boolean system = type.isEmpty() || type.startsWith("_") || type.startsWith("$");
        boolean search = segments.length == 1 || segments.length == 2 && segments[1].equals("_search");
        Interaction interaction = switch (method) {
            case "GET", "HEAD" -> search ? Interaction.SEARCH : Interaction.READ;
            case "POST" -> segments.length == 2 && segments[1].equals("_search") || type.equals("_search")
                    ? Interaction.SEARCH : Interaction.CREATE;
            case "DELETE" -> Interaction.DELETE;
            default -> Interaction.UPDATE;
        };
        if (system) {
            return new Target(List.of("*"), interaction);
        }
        return new Target(type.equals("Endpoint") ? List.of(type, IMAGING_STUDY) : List.of(type), interaction);
    }
}
