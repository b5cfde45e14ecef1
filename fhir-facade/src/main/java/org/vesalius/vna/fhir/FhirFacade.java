package org.vesalius.vna.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.QueryPort;

/**
 * The facade's use cases, behind the HAPI resource providers: read and search ImagingStudy and
 * Patient, read the Endpoints, and continue any search from a page link.
 */
final class FhirFacade {

    private final FhirContext ctx;
    private final FhirSettings settings;
    private final ArchiveReader reader;
    private final SearchParser parser;
    private final ImagingStudyMapper studies;
    private final PatientMapper patients;
    private final Endpoints endpoints;

    FhirFacade(FhirContext ctx, QueryPort queries, FhirSettings settings) {
        this.ctx = ctx;
        this.settings = settings;
        this.reader = new ArchiveReader(queries, settings);
        IdentifierSystems systems = new IdentifierSystems(settings);
        this.parser = new SearchParser(settings, systems, reader::resolve);
        this.studies = new ImagingStudyMapper(settings, systems);
        this.patients = new PatientMapper(systems);
        this.endpoints = new Endpoints(settings);
    }

    FhirSettings settings() {
        return settings;
    }

    Optional<ImagingStudy> readStudy(String id, RequestDetails request) {
        return reader.study(id).map(r -> Versions.stamp(ctx, studies.map(r), r.lastUpdated()));
    }

    Optional<Patient> readPatient(String id) {
        return reader.resolve(id).flatMap(pid -> Optional.ofNullable(reader.patients(Set.of(pid)).get(pid)))
                .map(e -> Versions.stamp(ctx, patients.map(e.getKey()), e.getValue()));
    }

    Optional<Endpoint> readEndpoint(String id, RequestDetails request) {
        return endpoints.byId(id, request.getFhirServerBase()).map(e -> Versions.stamp(ctx, e, null));
    }

    List<IBaseResource> allEndpoints(RequestDetails request) {
        return new ArrayList<>(endpoints.all(request.getFhirServerBase()).stream().map(e -> Versions.stamp(ctx, e, null)).toList());
    }

    /** A page of a search: the first ({@code pageId} null or {@link SearchPage#FIRST}) or one named by a link. */
    SearchPage search(SearchParameters params, String pageId, RequestDetails request) {
        String after = null;
        int offset = 0;
        if (pageId != null && !pageId.equals(SearchPage.FIRST)) {
            if (pageId.startsWith("a")) {
                after = pageId.substring(1);
            } else if (pageId.startsWith("o")) {
                try {
                    offset = Integer.parseInt(pageId.substring(1));
                } catch (NumberFormatException e) {
                    throw new InvalidRequestException("_pageId: not a page this server gave out");
                }
            } else {
                throw new InvalidRequestException("_pageId: not a page this server gave out");
            }
        }
        boolean strict = Prefer.strict(request);
        String searchId = params.encode();
        String current = pageId == null ? SearchPage.FIRST : pageId;
        return switch (params.resourceType()) {
            case "ImagingStudy" -> {
                ParsedSearch search = parser.studies(params, strict, ArchiveReader.STUDY_KEYS);
                ArchiveReader.Page<StudyRecord> page = reader.studies(search, after, offset);
                List<IBaseResource> resources = new ArrayList<>();
                List<ImagingStudy> mapped = new ArrayList<>();
                for (StudyRecord r : page.items()) {
                    mapped.add(Versions.stamp(ctx, studies.map(r), r.lastUpdated()));
                }
                include(mapped, includes(request), request);
                resources.addAll(mapped);
                yield new SearchPage(resources, searchId, current, page.next(), total(search, page));
            }
            case "Patient" -> {
                ParsedSearch search = parser.patients(params, strict, ArchiveReader.PATIENT_KEYS);
                ArchiveReader.Page<Map.Entry<Dataset, Instant>> page = reader.patients(search, after, offset);
                List<IBaseResource> resources = new ArrayList<>();
                for (Map.Entry<Dataset, Instant> e : page.items()) {
                    resources.add(Versions.stamp(ctx, patients.map(e.getKey()), e.getValue()));
                }
                yield new SearchPage(resources, searchId, current, page.next(), total(search, page));
            }
            default -> throw new InvalidRequestException("_getpages: not a search this server gave out");
        };
    }

    private static Integer total(ParsedSearch search, ArchiveReader.Page<?> page) {
        if (!search.total() || search.updatedBefore() != null) {
            return null; // after dropping late updates the index's count would overstate
        }
        return (int) Math.min(Integer.MAX_VALUE, page.total());
    }

    private static Set<String> includes(RequestDetails request) {
        Set<String> out = new HashSet<>();
        String[] values = request.getParameters().get("_include");
        if (values != null) {
            for (String v : values) {
                out.add(new Include(v).getValue());
            }
        }
        return out;
    }

    /** Attaches the referenced resources HAPI then adds to the bundle for {@code _include}. */
    private void include(List<ImagingStudy> page, Set<String> includes, RequestDetails request) {
        boolean all = includes.contains("*") || includes.contains("ImagingStudy:*");
        if (all || includes.contains("ImagingStudy:subject") || includes.contains("ImagingStudy:patient")) {
            Set<PatientId> ids = new HashSet<>();
            for (ImagingStudy s : page) {
                reader.resolve(s.getSubject().getReferenceElement().getIdPart()).ifPresent(ids::add);
            }
            Map<PatientId, Map.Entry<Dataset, Instant>> found = reader.patients(ids);
            Map<String, Patient> byFhirId = new java.util.HashMap<>();
            found.forEach((pid, e) -> byFhirId.put(PatientIds.of(pid), Versions.stamp(ctx, patients.map(e.getKey()), e.getValue())));
            for (ImagingStudy s : page) {
                Patient p = byFhirId.get(s.getSubject().getReferenceElement().getIdPart());
                if (p != null) {
                    s.getSubject().setResource(p);
                }
            }
        }
        if (all || includes.contains("ImagingStudy:endpoint")) {
            Map<String, Endpoint> byId = new java.util.HashMap<>();
            for (Endpoint e : endpoints.all(request.getFhirServerBase())) {
                byId.put(e.getIdElement().getIdPart(), Versions.stamp(ctx, e, null));
            }
            for (ImagingStudy s : page) {
                for (Reference r : s.getEndpoint()) {
                    Endpoint e = byId.get(r.getReferenceElement().getIdPart());
                    if (e != null) {
                        r.setResource(e);
                    }
                }
            }
        }
    }
}
