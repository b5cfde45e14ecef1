package org.vesalius.vna.fhir;

import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import org.vesalius.dicom.data.Tags;
import org.vesalius.vna.archive.api.query.AttributeMatch;
import org.vesalius.vna.archive.api.query.Condition;
import org.vesalius.vna.archive.api.query.QueryAttribute;
import org.vesalius.vna.archive.api.update.PatientLinks;
import org.vesalius.vna.archive.api.worklist.OrderStatus;
import org.vesalius.vna.archive.api.worklist.WorklistAttributes;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.archive.api.worklist.WorklistQuery;
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
import org.vesalius.dicom.data.Dataset;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.QueryPort;

/**
 * The facade's use cases, behind the HAPI resource providers: read and search ImagingStudy and
 * Patient, read and search ServiceRequest (the worklist's orders, which studies are basedOn by
 * accession number), read the Endpoints, and continue any search from a page link.
 */
final class FhirFacade {

    private final FhirContext ctx;
    private final FhirSettings settings;
    private final ArchiveReader reader;
    private final SearchParser parser;
    private final ImagingStudyMapper studies;
    private final PatientMapper patients;
    private final Endpoints endpoints;
    private final WorklistPort worklist;
    private final PatientLinks links;
    private final ServiceRequestMapper orders;

    FhirFacade(FhirContext ctx, QueryPort queries, FhirSettings settings) {
        this(ctx, queries, null, null, settings);
    }

    /**
     * {@code worklist}: the orders (ServiceRequest, ImagingStudy.basedOn), or null for none;
     * {@code links}: where merged patients went (a merged Patient read as replaced-by), or null.
     */
    FhirFacade(FhirContext ctx, QueryPort queries, WorklistPort worklist, PatientLinks links, FhirSettings settings) {
        this.worklist = worklist;
        this.links = links;
        this.orders = new ServiceRequestMapper(settings);
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
        return reader.study(id).map(r -> {
            ImagingStudy study = Versions.stamp(ctx, studies.map(r), r.lastUpdated());
            basedOn(List.of(study), List.of(r));
            return study;
        });
    }

    /**
     * Links each study to the orders it was performed for: the worklist items of its patient with
     * its Accession Number, of the same issuer when both name one (one search for the whole page).
     */
    private void basedOn(List<ImagingStudy> mapped, List<StudyRecord> records) {
        if (worklist == null) {
            return;
        }
        Set<String> accessions = new HashSet<>();
        for (StudyRecord r : records) {
            String acc = r.study().getString(Tags.AccessionNumber);
            if (acc != null && !acc.isBlank()) {
                accessions.add(acc.strip());
            }
        }
        if (accessions.isEmpty()) {
            return;
        }
        QueryAttribute key = WorklistAttributes.get(Tags.AccessionNumber);
        Condition condition = accessions.size() == 1 ? new Condition.SingleValue(accessions.iterator().next())
                : new Condition.ValueList(List.copyOf(accessions));
        List<WorklistItem> items = Failures.translate(() -> worklist.find(
                WorklistQuery.of(List.of(new AttributeMatch(key, condition)), WorklistQuery.MAX_LIMIT)));
        for (int i = 0; i < mapped.size(); i++) {
            Dataset study = records.get(i).study();
            String acc = study.getString(Tags.AccessionNumber);
            PatientId patient = new PatientId(study.getString(Tags.PatientID, ""), study.getString(Tags.IssuerOfPatientID, ""));
            for (WorklistItem item : items) {
                if (acc != null && item.accessionNumber().equals(acc.strip()) && item.patient().equals(patient)
                        && sameIssuer(accessionIssuer(study), accessionIssuer(item.attributes()))) {
                    mapped.get(i).addBasedOn(new Reference("ServiceRequest/" + item.id()));
                }
            }
        }
    }

    /** The Issuer of Accession Number (its local namespace, else its universal ID), or "" when not given. */
    private static String accessionIssuer(Dataset d) {
        org.vesalius.dicom.data.Sequence issuer = d.getSequence(Tags.IssuerOfAccessionNumberSequence);
        if (issuer == null || issuer.isEmpty()) {
            return "";
        }
        String local = issuer.get(0).getString(Tags.LocalNamespaceEntityID, "");
        return local.isEmpty() ? issuer.get(0).getString(Tags.UniversalEntityID, "") : local;
    }

    /** Two accession numbers' issuers agree unless both are given and differ (most modalities send none). */
    private static boolean sameIssuer(String a, String b) {
        return a.isEmpty() || b.isEmpty() || a.equals(b);
    }

    Optional<ServiceRequest> readOrder(String id) {
        if (worklist == null) {
            return Optional.empty();
        }
        return Failures.translate(() -> worklist.item(id)).map(orders::map);
    }

    /**
     * The orders of {@code patient} (a Patient reference), with {@code identifier} (an accession
     * number, else a placer order number) and {@code status} (a FHIR request-status code), at most
     * {@code count} (the configured page size without it).
     */
    List<ServiceRequest> searchOrders(ReferenceParam patient, TokenParam identifier, TokenParam status, Integer count) {
        if (worklist == null) {
            return List.of();
        }
        int limit = Math.max(1, Math.min(count == null ? settings.defaultCount() : count,
                Math.min(settings.maxCount(), WorklistQuery.MAX_LIMIT)));
        Set<OrderStatus> statuses = java.util.EnumSet.allOf(OrderStatus.class);
        if (status != null && status.getValue() != null && !status.getValue().isBlank()) {
            statuses = OrderStatus.ofFhir(status.getValue().strip());
            if (statuses.isEmpty()) {
                throw new InvalidRequestException("status: '" + status.getValue() + "' is not a status these orders have"
                        + " (active, on-hold, completed, revoked)");
            }
        }
        Set<PatientId> patients = Set.of();
        if (patient != null && patient.getIdPart() != null) {
            Optional<PatientId> resolved = Failures.translate(() -> reader.resolve(patient.getIdPart()));
            if (resolved.isEmpty()) {
                return List.of();
            }
            patients = Set.of(resolved.get());
        }
        WorklistQuery base = new WorklistQuery(List.of(), statuses, patients, limit);
        List<WorklistItem> found;
        if (identifier != null && identifier.getValue() != null && !identifier.getValue().isBlank()) {
            Condition value = new Condition.SingleValue(identifier.getValue().strip());
            found = Failures.translate(() -> worklist.find(new WorklistQuery(List.of(new AttributeMatch(
                    WorklistAttributes.get(Tags.AccessionNumber), value)), base.statuses(), base.patients(), limit)));
            if (found.isEmpty()) {
                found = Failures.translate(() -> worklist.find(new WorklistQuery(List.of(new AttributeMatch(
                        WorklistAttributes.get(Tags.PlacerOrderNumberImagingServiceRequest), value)), base.statuses(),
                        base.patients(), limit)));
            }
        } else {
            found = Failures.translate(() -> worklist.find(base));
        }
        return found.stream().map(orders::map).toList();
    }

    /**
     * The Patient {@code id}: from its studies; for a patient merged into another (no studies of its
     * own left), an inactive Patient whose {@code link} is replaced-by the patient it became.
     */
    Optional<Patient> readPatient(String id) {
        Optional<PatientId> resolved = reader.resolve(id);
        Optional<Patient> held = resolved.flatMap(pid -> Optional.ofNullable(reader.patients(Set.of(pid)).get(pid)))
                .map(e -> Versions.stamp(ctx, linked(patients.map(e.getKey()), resolved.get()), e.getValue()));
        if (held.isPresent() || resolved.isEmpty() || links == null) {
            return held;
        }
        PatientId prior = resolved.get();
        return links.replacedBy(prior).map(target -> {
            Dataset identity = new Dataset();
            identity.setString(Tags.PatientID, org.vesalius.dicom.data.VR.LO, prior.id());
            if (prior.hasIssuer()) {
                identity.setString(Tags.IssuerOfPatientID, org.vesalius.dicom.data.VR.LO, prior.issuer());
            }
            Patient merged = patients.map(identity);
            merged.setActive(false);
            merged.addLink().setType(Patient.LinkType.REPLACEDBY).setOther(new Reference("Patient/" + PatientIds.of(target)));
            return Versions.stamp(ctx, merged, null);
        });
    }

    /** {@code patient} with its links: the patients merged into it (replaces) and the records linked to it (seealso). */
    private Patient linked(Patient patient, PatientId id) {
        if (links == null) {
            return patient;
        }
        Failures.translate(() -> {
            links.replaces(id).forEach(prior -> patient.addLink().setType(Patient.LinkType.REPLACES)
                    .setOther(new Reference("Patient/" + PatientIds.of(prior))));
            links.seeAlso(id).forEach(other -> patient.addLink().setType(Patient.LinkType.SEEALSO)
                    .setOther(new Reference("Patient/" + PatientIds.of(other))));
            return null;
        });
        return patient;
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
                basedOn(mapped, page.items());
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
