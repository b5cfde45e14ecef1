package org.vesalius.vna.server.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.testsupport.peers.Dcmtk;

/**
 * Everything arrives by C-STORE from dcmtk's storescu (each file in its own transfer syntax) into
 * the filesystem blob store; the query table is asked by QIDO-RS and by dcmtk's findscu, and its
 * study-level rows with a FHIR equivalent by FHIR ImagingStudy search.
 */
class DimseAcceptanceIT extends ArchiveAcceptance {

    static String prefix;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        prefix = configure(registry, "dimse");
        Path root = Files.createTempDirectory("vna-acceptance-dimse-");
        registry.add("vna.storage.fs.root", root::toString);
        registry.add("vna.ingest.log.directory", () -> root + "-ingest-log");
    }

    @Override
    String indexPrefix() {
        return prefix;
    }

    @Override
    Set<String> load(List<Path> files) throws Exception {
        Dcmtk.require("storescu");
        return sendByStorescu(listener.port(), files);
    }

    static Set<String> sendByStorescu(int port, List<Path> files) throws Exception {
        Map<Path, Storescu.Outcome> outcomes = new Storescu("127.0.0.1", port, CALLING_AE, "VESALIUS").send(files);
        Set<String> accepted = new TreeSet<>();
        for (Map.Entry<Path, Storescu.Outcome> e : outcomes.entrySet()) {
            if (e.getValue() == Storescu.Outcome.SUCCESS || e.getValue() == Storescu.Outcome.WARNING) {
                accepted.add(header(e.getKey()).getString(org.vesalius.dicom.data.Tags.SOPInstanceUID));
            }
        }
        return accepted;
    }

    /** FHIR answers like QIDO-RS: the same studies for the equivalent searches, and the same counts for every study. */
    @TestFactory
    Stream<DynamicTest> theFhirFacadeAgreesWithTheQueryTable() {
        FhirSearch fhir = new FhirSearch("http://127.0.0.1:" + httpPort + "/fhir");
        Stream<DynamicTest> rows = table.cases().stream().filter(c -> FhirSearch.equivalent(c).isPresent())
                .map(c -> DynamicTest.dynamicTest("FHIR " + c + " " + FhirSearch.equivalent(c).get(),
                        () -> assertThat(fhir.ids(FhirSearch.equivalent(c).get())).as(c.toString()).isEqualTo(c.expected())));
        DynamicTest counts = DynamicTest.dynamicTest("FHIR numberOfSeries/numberOfInstances of every study", () -> {
            Map<String, String> got = new java.util.TreeMap<>();
            fhir.studies("").forEach((study, n) -> got.put(study, n[0] + "/" + n[1]));
            Map<String, String> want = new java.util.TreeMap<>();
            table.studyCounts().forEach((study, n) -> want.put(study, n[0] + "/" + n[1]));
            assertThat(got).isEqualTo(want);
        });
        DynamicTest endpoint = DynamicTest.dynamicTest("FHIR Endpoint dicom-wado-rs leads to the study's WADO-RS metadata", () -> {
            String study = table.studyCounts().keySet().iterator().next();
            String address = fhir.endpointAddress("dicom-wado-rs");
            var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(address + "/studies/" + study + "/metadata")).header("Accept", "application/dicom+json").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains(study);
        });
        return Stream.concat(rows, Stream.of(counts, endpoint));
    }

    @TestFactory
    Stream<DynamicTest> everyRowOfTheQueryTableByFindscu() {
        QueryClients.Findscu findscu = new QueryClients.Findscu(listener.port(), "VESALIUS", work);
        return table.cases().stream().filter(QueryCase::cfind).map(c -> DynamicTest.dynamicTest(c.toString(),
                () -> assertThat(findscu.uids(c)).as(c.toString()).isEqualTo(c.expected())));
    }
}
