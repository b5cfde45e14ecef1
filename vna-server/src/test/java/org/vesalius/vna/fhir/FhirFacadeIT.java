package org.vesalius.vna.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Endpoint;
import org.hl7.fhir.r4.model.ImagingStudy;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.testsupport.samples.SharedData;
import org.vesalius.vna.archive.api.ingest.IngestPort;
import org.vesalius.vna.archive.api.query.QidoQueryParser;
import org.vesalius.vna.archive.api.query.QueryLevel;
import org.vesalius.vna.archive.api.query.QueryResult;

/**
 * The facade over a real archive (IngestPort, filesystem blob store, the test Elasticsearch)
 * loaded with the shared samples and 600 generated studies, spoken to over HTTP by HAPI's generic
 * client (as an EHR would) and by plain HTTP for the protocol details. Skipped without
 * Elasticsearch.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirFacadeIT {

    private static final String GENERATED_ROOT = "2.25.4242";
    private static final String SYSTEM_A = "urn:oid:1.2.3.999.1";

    private final FhirContext ctx = FhirContext.forR4Cached();
    private TestArchive archive;
    private IGenericClient client;
    private FhirValidator validator;
    private final HttpClient http = HttpClient.newHttpClient();
    private int samples;

    @BeforeAll
    void load() throws Exception {
        FhirSettings settings = FhirSettings.DEFAULT.withIssuerSystems(Map.of("HOSP_A", SYSTEM_A))
                .withViewerUrl(URI.create("https://viewer.example.org/IHEInvokeImageDisplay"));
        archive = new TestArchive(settings);
        samples = archive.storeSharedSamples();
        archive.store(GeneratedStudies.generate(7, 600, GENERATED_ROOT));
        archive.index.refresh();
        ctx.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        ctx.getRestfulClientFactory().setSocketTimeout(120_000);
        client = ctx.newRestfulGenericClient(archive.fhirBase);
        validator = R4Validation.validator(ctx);
    }

    @AfterAll
    void close() throws Exception {
        if (archive != null) {
            archive.close();
        }
    }

    /** Every page of a search, following the next links as the generic client does. */
    private List<Bundle> pages(Bundle first) {
        List<Bundle> pages = new ArrayList<>();
        Bundle page = first;
        while (page != null) {
            pages.add(page);
            page = page.getLink(Bundle.LINK_NEXT) != null ? client.loadPage().next(page).execute() : null;
        }
        return pages;
    }

    private static <T extends Resource> List<T> entries(List<Bundle> pages, Class<T> type) {
        return pages.stream().flatMap(b -> b.getEntry().stream()).map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).toList();
    }

    private static String uid(ImagingStudy s) {
        return s.getIdElement().getIdPart();
    }

    @Test
    void every_resource_validates_against_base_r4_with_zero_errors() throws IOException {
        Bundle first = client.search().forResource(ImagingStudy.class).count(50)
                .include(ImagingStudy.INCLUDE_SUBJECT).include(ImagingStudy.INCLUDE_ENDPOINT)
                .returnBundle(Bundle.class).execute();
        List<Bundle> pages = pages(first);
        List<Resource> all = new ArrayList<>();
        pages.forEach(b -> b.getEntry().forEach(e -> all.add(e.getResource())));
        all.addAll(entries(pages(client.search().forResource(Patient.class).count(100).returnBundle(Bundle.class).execute()), Patient.class));
        all.addAll(entries(List.of(client.search().forResource(Endpoint.class).returnBundle(Bundle.class).execute()), Endpoint.class));
        assertThat(entries(pages, ImagingStudy.class)).hasSizeGreaterThanOrEqualTo(600 + (samples > 0 ? 50 : 0));

        Map<String, Integer> errors = new TreeMap<>();
        Map<String, Integer> warnings = new TreeMap<>();
        for (Resource r : all) {
            for (SingleValidationMessage m : validator.validateWithResult(r).getMessages()) {
                String kind = r.fhirType() + ": " + m.getMessage().replaceAll("[0-9.]{6,}", "#");
                if (m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                    errors.merge(kind + " at " + m.getLocationString(), 1, Integer::sum);
                } else if (m.getSeverity() == ResultSeverityEnum.WARNING) {
                    warnings.merge(kind, 1, Integer::sum);
                }
            }
        }
        StringBuilder report = new StringBuilder("resources validated: " + all.size() + "\n");
        warnings.forEach((k, v) -> report.append("WARNING x").append(v).append(' ').append(k).append('\n'));
        errors.forEach((k, v) -> report.append("ERROR x").append(v).append(' ').append(k).append('\n'));
        Files.writeString(Path.of("target", "fhir-validation.txt"), report);
        assertThat(errors).as(report.toString()).isEmpty();
    }

    @Test
    void an_ehr_pages_through_every_study_with_count_50_without_duplicates_or_gaps_while_studies_arrive() {
        QueryResult expected = archive.queries.query(QidoQueryParser.parse(QueryLevel.STUDY, Map.of("limit", List.of("10000"))));
        Set<String> expectedUids = new HashSet<>();
        expected.matches().forEach(d -> expectedUids.add(d.getString(Tags.StudyInstanceUID)));
        assertThat(expectedUids).hasSizeGreaterThan(500);

        Bundle page = client.search().forResource(ImagingStudy.class).count(50).returnBundle(Bundle.class).execute();
        assertThat(page.getTotal()).isEqualTo(expectedUids.size());
        List<String> walked = new ArrayList<>();
        entries(List.of(page), ImagingStudy.class).forEach(s -> walked.add(uid(s)));
        // A newer study arrives after the first page: with offsets every later page would shift.
        String newUid = GENERATED_ROOT + ".9.1";
        var late = GeneratedStudies.generate(8, 1, GENERATED_ROOT + ".9");
        archive.store(late);
        archive.index.refresh();
        try {
            int pages = 1;
            while (page.getLink(Bundle.LINK_NEXT) != null) {
                page = client.loadPage().next(page).execute();
                assertThat(page.getEntry().size()).isLessThanOrEqualTo(50);
                entries(List.of(page), ImagingStudy.class).forEach(s -> walked.add(uid(s)));
                pages++;
            }
            assertThat(walked).doesNotHaveDuplicates();
            assertThat(new HashSet<>(walked)).isEqualTo(expectedUids.contains(newUid) ? expectedUids : withoutNew(walked, expectedUids, newUid));
            assertThat(pages).isGreaterThanOrEqualTo(expectedUids.size() / 50);
        } finally {
            archive.index.remove(late.stream().map(i -> new org.vesalius.vna.archive.api.InstanceRef(i.studyUid(), i.seriesUid(), i.sopUid())).toList());
            archive.index.refresh();
        }
    }

    /** The walk sees every study that was there, and the new one at most once (it sorts where its date puts it). */
    private static Set<String> withoutNew(List<String> walked, Set<String> expected, String newUid) {
        Set<String> out = new HashSet<>(expected);
        if (walked.contains(newUid)) {
            out.add(newUid);
        }
        return out;
    }

    @Test
    void search_by_patient_identifier_follows_include_and_reads_the_endpoint() {
        Bundle patients = client.search().forResource(Patient.class)
                .where(new TokenClientParam("identifier").exactly().systemAndCode(SYSTEM_A, "P003"))
                .returnBundle(Bundle.class).execute();
        assertThat(patients.getEntry()).hasSize(1);
        Patient patient = (Patient) patients.getEntryFirstRep().getResource();
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo(SYSTEM_A);

        Bundle studies = client.search().forResource(ImagingStudy.class)
                .where(ImagingStudy.PATIENT.hasId(patient.getIdElement().getIdPart()))
                .include(ImagingStudy.INCLUDE_SUBJECT).include(ImagingStudy.INCLUDE_ENDPOINT)
                .returnBundle(Bundle.class).execute();
        List<ImagingStudy> found = entries(List.of(studies), ImagingStudy.class);
        assertThat(found).isNotEmpty();
        assertThat(found).allSatisfy(s -> assertThat(s.getSubject().getReference()).isEqualTo("Patient/" + patient.getIdElement().getIdPart()));
        assertThat(entries(List.of(studies), Patient.class)).extracting(p -> p.getIdElement().getIdPart())
                .containsExactly(patient.getIdElement().getIdPart());
        assertThat(entries(List.of(studies), Endpoint.class)).extracting(e -> e.getIdElement().getIdPart()).containsExactly("dicom-wado-rs");

        Bundle chained = client.search().forResource(ImagingStudy.class)
                .where(ImagingStudy.PATIENT.hasChainedProperty(Patient.IDENTIFIER.exactly().systemAndCode(SYSTEM_A, "P003")))
                .returnBundle(Bundle.class).execute();
        assertThat(entries(List.of(chained), ImagingStudy.class)).extracting(FhirFacadeIT::uid)
                .containsExactlyInAnyOrderElementsOf(found.stream().map(FhirFacadeIT::uid).toList());

        String endpointRef = found.get(0).getEndpointFirstRep().getReference();
        Endpoint endpoint = client.read().resource(Endpoint.class).withId(endpointRef.substring(endpointRef.indexOf('/') + 1)).execute();
        assertThat(endpoint.getConnectionType().getCode()).isEqualTo("dicom-wado-rs");
        assertThat(endpoint.getAddress()).isEqualTo(archive.fhirBase.replace("/fhir", "/dicomweb"));
        Patient read = client.read().resource(Patient.class).withId(patient.getIdElement().getIdPart()).execute();
        assertThat(read.getNameFirstRep().getFamily()).isEqualTo(patient.getNameFirstRep().getFamily());
        assertThat(client.read().resource(Endpoint.class).withId("ihe-iid").execute().getAddress())
                .isEqualTo("https://viewer.example.org/IHEInvokeImageDisplay");
    }

    // Following the Endpoint to WADO-RS needs the whole server: vna-server's DimseAcceptanceIT
    // fetches the study's metadata at the address the dicom-wado-rs Endpoint gives.

    /** FHIR search and the equivalent QIDO-RS query of the archive. */
    record Equivalent(String fhir, Map<String, List<String>> qido) {
        @Override
        public String toString() {
            return fhir;
        }
    }

    Stream<Equivalent> equivalents() {
        String someStudy = GENERATED_ROOT + ".17";
        return Stream.of(
                new Equivalent("modality=CT", Map.of("ModalitiesInStudy", List.of("CT"))),
                new Equivalent("modality=http://dicom.nema.org/resources/ontology/DCM|MR,US", Map.of("ModalitiesInStudy", List.of("MR\\US"))),
                new Equivalent("started=ge2018-01-01&started=le2019-12-31", Map.of("StudyDate", List.of("20180101-20191231"))),
                new Equivalent("started=2019-03", Map.of("StudyDate", List.of("20190301-20190331"))),
                new Equivalent("started=lt2016", Map.of("StudyDate", List.of("-20151231"))),
                new Equivalent("started=ge2020-06-15T10:00:00", Map.of("StudyDate", List.of("20200615-"), "StudyTime", List.of("100000-"))),
                new Equivalent("modality=MR&started=ge2020", Map.of("ModalitiesInStudy", List.of("MR"), "StudyDate", List.of("20200101-"))),
                new Equivalent("identifier=A00010", Map.of("AccessionNumber", List.of("A00010"))),
                new Equivalent("identifier=urn:dicom:uid|urn:oid:" + someStudy, Map.of("StudyInstanceUID", List.of(someStudy))),
                new Equivalent("_id=" + someStudy, Map.of("StudyInstanceUID", List.of(someStudy))),
                new Equivalent("series=" + someStudy + ".1", Map.of("SeriesInstanceUID", List.of(someStudy + ".1"))),
                new Equivalent("dicom-class=urn:oid:" + GeneratedStudies.SR, Map.of("SOPClassesInStudy", List.of(GeneratedStudies.SR))),
                new Equivalent("bodysite=http://snomed.info/sct|43799004", Map.of("BodyPartExamined", List.of("CHEST"))),
                new Equivalent("patient.identifier=" + SYSTEM_A + "|P003", Map.of("PatientID", List.of("P003"), "IssuerOfPatientID", List.of("HOSP_A"))),
                new Equivalent("patient.identifier=P004", Map.of("PatientID", List.of("P004"))),
                new Equivalent("basedon:identifier=A00012", Map.of("AccessionNumber", List.of("A00012"))),
                new Equivalent("status=available&modality=DX", Map.of("ModalitiesInStudy", List.of("DX"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("equivalents")
    void fhir_search_finds_what_qido_finds_with_the_same_counts(Equivalent e) throws Exception {
        Map<String, List<String>> qido = new LinkedHashMap<>(e.qido());
        qido.put("limit", List.of("10000"));
        QueryResult expected = archive.queries.query(QidoQueryParser.parse(QueryLevel.STUDY, qido));
        Map<String, Dataset> byUid = new LinkedHashMap<>();
        expected.matches().forEach(d -> byUid.put(d.getString(Tags.StudyInstanceUID), d));

        Bundle first = client.search().byUrl("ImagingStudy?" + e.fhir() + "&_count=200").returnBundle(Bundle.class).execute();
        List<ImagingStudy> found = entries(pages(first), ImagingStudy.class);
        assertThat(found).extracting(FhirFacadeIT::uid).as(e.fhir()).containsExactlyInAnyOrderElementsOf(byUid.keySet());
        assertThat(first.getTotal()).isEqualTo(byUid.size());
        for (ImagingStudy s : found) {
            Dataset d = byUid.get(uid(s));
            assertThat(s.getNumberOfSeries()).isEqualTo(d.getInt(Tags.NumberOfStudyRelatedSeries, -1));
            assertThat(s.getNumberOfInstances()).isEqualTo(d.getInt(Tags.NumberOfStudyRelatedInstances, -1));
        }
        assertThat(byUid).as("the table should find something: " + e.fhir()).isNotEmpty();
    }

    @Test
    void our_study_fills_the_elements_of_the_specifications_example() throws Exception {
        Path example = sharedExample("ImagingStudy-example-xr.json");
        ImagingStudy reference = ctx.newJsonParser().parseResource(ImagingStudy.class, Files.readString(example));
        // Study 4: DX/CT/MR/US with accession (issuer), laterality, referrer, reader, performer, reason.
        ImagingStudy ours = client.read().resource(ImagingStudy.class).withId(GENERATED_ROOT + ".4").execute();
        Set<String> missing = new java.util.TreeSet<>(filled(reference));
        missing.removeAll(filled(ours));
        // Encounter, Procedure resources and free-text notes have no source in DICOM objects.
        missing.removeAll(Set.of("encounter", "procedureReference", "note"));
        assertThat(missing).isEmpty();
    }

    private static Path sharedExample(String name) {
        return SharedData.require("fhir-examples/r4/examples/" + name);
    }

    /** The element paths (below the resource, series and instance) that have a value. */
    private Set<String> filled(ImagingStudy s) {
        Set<String> out = new HashSet<>();
        s.children().forEach(p -> {
            if (p.hasValues()) {
                out.add(p.getName());
            }
        });
        for (ImagingStudy.ImagingStudySeriesComponent series : s.getSeries()) {
            series.children().forEach(p -> {
                if (p.hasValues()) {
                    out.add("series." + p.getName());
                }
            });
            for (ImagingStudy.ImagingStudySeriesInstanceComponent i : series.getInstance()) {
                i.children().forEach(p -> {
                    if (p.hasValues()) {
                        out.add("series.instance." + p.getName());
                    }
                });
            }
        }
        out.remove("id");
        out.remove("meta");
        out.remove("text");
        return out;
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(archive.fhirBase + "/" + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(archive.fhirBase + "/" + path))
                .method(method, HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"ImagingStudy\"}"))
                .header("Content-Type", "application/fhir+json").build(), HttpResponse.BodyHandlers.ofString());
    }

    private OperationOutcome outcome(HttpResponse<String> r) {
        return ctx.newJsonParser().parseResource(OperationOutcome.class, r.body());
    }

    @Test
    void bad_input_gets_an_operation_outcome_in_fhir_terms() throws Exception {
        HttpResponse<String> strict = get("ImagingStudy?foo=bar", "Prefer", "handling=strict");
        assertThat(strict.statusCode()).isEqualTo(400);
        assertThat(outcome(strict).getIssueFirstRep().getDiagnostics()).contains("foo");
        assertThat(get("ImagingStudy?foo=bar&_count=1").statusCode()).isEqualTo(200);

        HttpResponse<String> date = get("ImagingStudy?started=2024-13-45");
        assertThat(date.statusCode()).isEqualTo(400);
        assertThat(outcome(date).getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);

        Bundle capped = ctx.newJsonParser().parseResource(Bundle.class, get("ImagingStudy?_count=100000").body());
        assertThat(capped.getEntry()).hasSize(FhirSettings.DEFAULT.maxCount());

        HttpResponse<String> unknown = get("ImagingStudy/1.2.3.4.5.6.7.8.9");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(outcome(unknown).getIssue()).isNotEmpty();
        assertThat(get("Patient/not-a-patient").statusCode()).isEqualTo(404);
        assertThat(get("Endpoint/nowhere").statusCode()).isEqualTo(404);

        for (String[] call : List.of(new String[] {"POST", "ImagingStudy"}, new String[] {"PUT", "ImagingStudy/" + GENERATED_ROOT + ".1"},
                new String[] {"DELETE", "ImagingStudy/" + GENERATED_ROOT + ".1"}, new String[] {"DELETE", "Patient/abc"})) {
            HttpResponse<String> r = send(call[0], call[1]);
            assertThat(r.statusCode()).as(call[0] + " " + call[1]).isEqualTo(405);
            assertThat(outcome(r).getIssue()).isNotEmpty();
        }
        assertThat(get("ImagingStudy?_sort=modality").statusCode()).isEqualTo(400);
        assertThat(get("ImagingStudy?started=ap2020").statusCode()).isEqualTo(400);
    }

    @Test
    void versions_etags_formats_and_the_capability_statement() throws Exception {
        String id = GENERATED_ROOT + ".4";
        HttpResponse<String> json = get("ImagingStudy/" + id);
        assertThat(json.statusCode()).isEqualTo(200);
        String etag = json.headers().firstValue("ETag").orElseThrow();
        ImagingStudy s = ctx.newJsonParser().parseResource(ImagingStudy.class, json.body());
        assertThat(etag).isEqualTo("W/\"" + s.getMeta().getVersionId() + "\"");
        assertThat(s.getMeta().getLastUpdated()).isNotNull();
        assertThat(get("ImagingStudy/" + id, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(get("ImagingStudy/" + id, "If-None-Match", "W/\"other\"").statusCode()).isEqualTo(200);
        assertThat(get("ImagingStudy/" + id).body()).isEqualTo(json.body()); // stable across requests

        HttpResponse<String> xml = get("ImagingStudy/" + id + "?_format=xml");
        assertThat(xml.headers().firstValue("Content-Type").orElseThrow()).contains("xml");
        assertThat(ctx.newXmlParser().parseResource(ImagingStudy.class, xml.body()).getNumberOfInstances()).isEqualTo(s.getNumberOfInstances());

        HttpResponse<String> summary = get("ImagingStudy?_id=" + id + "&_summary=true");
        assertThat(ctx.newJsonParser().parseResource(Bundle.class, summary.body()).getEntryFirstRep().getResource())
                .isInstanceOfSatisfying(ImagingStudy.class, x -> { // summary elements only: no narrative, no instance lists
                    assertThat(x.hasText()).isFalse();
                    assertThat(x.getSeries()).isNotEmpty().allSatisfy(se -> assertThat(se.hasInstance()).isFalse());
                });
        HttpResponse<String> elements = get("ImagingStudy?_id=" + id + "&_elements=identifier");
        ImagingStudy slim = (ImagingStudy) ctx.newJsonParser().parseResource(Bundle.class, elements.body()).getEntryFirstRep().getResource();
        assertThat(slim.hasIdentifier()).isTrue();
        assertThat(slim.hasSeries()).isFalse();
        Bundle count = ctx.newJsonParser().parseResource(Bundle.class, get("ImagingStudy?modality=CT&_summary=count").body());
        assertThat(count.getEntry()).isEmpty();
        assertThat(count.getTotal()).isEqualTo(archive.queries.query(QidoQueryParser.parse(QueryLevel.STUDY,
                Map.of("ModalitiesInStudy", List.of("CT"), "limit", List.of("1")))).totalMatches());
        Bundle summaryPage1 = ctx.newJsonParser().parseResource(Bundle.class, get("ImagingStudy?_summary=true&_count=2").body());
        Bundle summaryPage2 = client.loadPage().next(summaryPage1).execute();
        assertThat(entries(List.of(summaryPage2), ImagingStudy.class)).isNotEmpty().allSatisfy(x -> assertThat(x.hasText()).isFalse());
        Bundle none = ctx.newJsonParser().parseResource(Bundle.class, get("ImagingStudy?_count=1&_total=none").body());
        assertThat(none.hasTotal()).isFalse();

        var cs = ctx.newJsonParser().parseResource(org.hl7.fhir.r4.model.CapabilityStatement.class, get("metadata").body());
        var resources = cs.getRestFirstRep().getResource();
        assertThat(resources).extracting(r -> r.getType()).containsExactlyInAnyOrder("ImagingStudy", "Patient", "Endpoint");
        var study = resources.stream().filter(r -> r.getType().equals("ImagingStudy")).findFirst().orElseThrow();
        assertThat(study.getInteraction()).extracting(i -> i.getCode().toCode()).containsExactlyInAnyOrder("read", "search-type");
        assertThat(study.getSearchInclude()).extracting(x -> x.getValue()).contains("ImagingStudy:subject", "ImagingStudy:endpoint");
        assertThat(study.getSearchParam()).extracting(p -> p.getName()).contains("patient", "started", "modality", "identifier",
                "series", "dicom-class", "bodysite", "basedon", "endpoint", "status", "_lastUpdated");
        assertThat(get("metadata?_format=xml").body()).contains("<CapabilityStatement");
    }

    @Test
    void sort_and_last_updated() throws Exception {
        List<ImagingStudy> oldest = entries(List.of(client.search().byUrl("ImagingStudy?_sort=started&_count=30").returnBundle(Bundle.class).execute()), ImagingStudy.class);
        List<String> started = oldest.stream().filter(ImagingStudy::hasStarted).map(s -> s.getStartedElement().getValueAsString().substring(0, 10)).toList();
        assertThat(started).isSorted();
        List<ImagingStudy> recent = entries(List.of(client.search().byUrl("ImagingStudy?_sort=-_lastUpdated&_count=30").returnBundle(Bundle.class).execute()), ImagingStudy.class);
        List<java.util.Date> updated = recent.stream().map(s -> s.getMeta().getLastUpdated()).toList();
        assertThat(updated).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        java.util.Date newest = updated.get(0);
        String since = URLEncoder.encode("gt" + new org.hl7.fhir.r4.model.InstantType(new java.util.Date(newest.getTime() - 1)).getValueAsString(), StandardCharsets.UTF_8);
        List<ImagingStudy> justNow = entries(List.of(client.search().byUrl("ImagingStudy?_lastUpdated=" + since).returnBundle(Bundle.class).execute()), ImagingStudy.class);
        assertThat(justNow).isNotEmpty().allSatisfy(s -> assertThat(s.getMeta().getLastUpdated()).isAfterOrEqualTo(newest));
    }
}
