package org.vesalius.vna.fhir.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.DicomDateTime;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.api.query.QueryPort;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchIndexConfig;
import org.vesalius.vna.archive.index.elasticsearch.ElasticsearchStudyIndex;
import org.vesalius.vna.archive.query.QueryFeature;
import org.vesalius.vna.archive.storage.InstanceKeys;
import org.vesalius.vna.archive.storage.StoredObject;
import org.vesalius.vna.fhir.FhirSettings;
import org.vesalius.vna.fhir.PatientIds;
import org.vesalius.vna.fhir.VesaliusFhirServer;

/**
 * FHIR ImagingStudy search against the equivalent QIDO-RS query, p50/p95 in one run.
 *
 * <p>Indexes {@code instances} generated instances (200 patients, 10 instances a study in 2
 * series) into a fresh index on the given Elasticsearch, serves FHIR and QIDO-RS from one embedded
 * Tomcat on 127.0.0.1, then runs each query kind after a warm-up, round-robin between FHIR and
 * QIDO-RS so that a shared machine's load falls on both alike. Deletes its index at the end.
 *
 * <p>Arguments: {@code <elasticsearch-url> [instances=20000] [rounds=200] [result-json]}.
 */
public final class FhirQueryBench {

    private static final int PATIENTS = 200;
    private static final int PER_STUDY = 10;

    private FhirQueryBench() {
    }

    public static void main(String[] args) throws Exception {
        String es = args[0];
        int instances = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        Path result = args.length > 3 ? Path.of(args[3]) : null;

        ElasticsearchStudyIndex index = new ElasticsearchStudyIndex(ElasticsearchIndexConfig.local(URI.create(es))
                .withNamePrefix("vna-fhir-bench-" + UUID.randomUUID().toString().substring(0, 8)));
        Tomcat tomcat = new Tomcat();
        Path base = Files.createTempDirectory("vna-fhir-bench");
        try {
            long t0 = System.nanoTime();
            load(index, instances);
            System.err.printf(Locale.ROOT, "indexed %,d instances in %.1f s%n", instances, (System.nanoTime() - t0) / 1e9);
            QueryPort queries = QueryFeature.create(index, QueryPort.MAX_WINDOW);
            tomcat.setBaseDir(base.toString());
            tomcat.setHostname("127.0.0.1");
            tomcat.getConnector().setPort(0);
            tomcat.getConnector().setProperty("address", "127.0.0.1");
            Context context = tomcat.addContext("", null);
            // BENCH_INSTANCES_PER_STUDY=0 measures ImagingStudy without instance lists.
            int listed = Integer.parseInt(System.getenv().getOrDefault("BENCH_INSTANCES_PER_STUDY", "1000"));
            FhirSettings d = FhirSettings.DEFAULT;
            FhirSettings settings = new FhirSettings(d.issuerSystems(), d.issuerSystemPrefix(), d.defaultCount(), d.maxCount(),
                    listed, null, null, d.zone());
            Tomcat.addServlet(context, "fhir", new VesaliusFhirServer(queries, settings));
            context.addServletMappingDecoded("/fhir/*", "fhir");
            Tomcat.addServlet(context, "qido", new QidoStudiesServlet(queries));
            context.addServletMappingDecoded("/dicomweb/studies", "qido");
            tomcat.start();
            String http = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
            String qidoBase = http + "/dicomweb";

            Map<String, List<Double>> times = run(http + "/fhir", qidoBase, rounds);
            StringBuilder json = new StringBuilder("{\"instances\":" + instances + ",\"instancesPerStudyListed\":" + listed
                    + ",\"studies\":" + instances / PER_STUDY
                    + ",\"rounds\":" + rounds + ",\"at\":\"" + Instant.now() + "\",\"results\":{");
            System.out.printf(Locale.ROOT, "%-40s %8s %8s %8s%n", "query (" + instances + " instances)", "p50 ms", "p95 ms", "n");
            boolean first = true;
            for (Map.Entry<String, List<Double>> e : times.entrySet()) {
                double p50 = percentile(e.getValue(), 50);
                double p95 = percentile(e.getValue(), 95);
                System.out.printf(Locale.ROOT, "%-40s %8.1f %8.1f %8d%n", e.getKey(), p50, p95, e.getValue().size());
                json.append(first ? "" : ",").append(String.format(Locale.ROOT, "\"%s\":{\"p50_ms\":%.2f,\"p95_ms\":%.2f,\"n\":%d}",
                        e.getKey(), p50, p95, e.getValue().size()));
                first = false;
            }
            json.append("}}\n");
            if (result != null) {
                Files.writeString(result, json);
            }
        } finally {
            tomcat.stop();
            tomcat.destroy();
            index.deleteIndex();
            index.close();
        }
    }

    /** Both query kinds, each FHIR then QIDO-RS, round-robin; per-patient queries rotate over patients. */
    private static Map<String, List<Double>> run(String fhir, String qido, int rounds) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (String k : List.of("FHIR ImagingStudy?patient=", "QIDO-RS studies?PatientID=&Issuer",
                "FHIR ImagingStudy?started=ge..&le.. _count=50", "QIDO-RS studies?StudyDate=a-b&limit=50")) {
            times.put(k, new ArrayList<>());
        }
        Random random = new Random(1);
        int warmUp = Math.max(20, rounds / 10);
        for (int r = -warmUp; r < rounds; r++) {
            int p = random.nextInt(PATIENTS);
            PatientId patient = new PatientId(patientId(p), issuer(p));
            LocalDate from = LocalDate.of(2015 + random.nextInt(9), 1 + random.nextInt(9), 1);
            LocalDate to = from.plusMonths(3).minusDays(1);
            String[][] calls = {
                {"FHIR ImagingStudy?patient=", fhir + "/ImagingStudy?patient=Patient/" + PatientIds.of(patient), "application/fhir+json"},
                {"QIDO-RS studies?PatientID=&Issuer", qido + "/studies?PatientID=" + patient.id() + "&IssuerOfPatientID=" + patient.issuer(),
                    "application/dicom+json"},
                {"FHIR ImagingStudy?started=ge..&le.. _count=50", fhir + "/ImagingStudy?started=ge" + from + "&started=le" + to + "&_count=50",
                    "application/fhir+json"},
                {"QIDO-RS studies?StudyDate=a-b&limit=50", qido + "/studies?StudyDate=" + DicomDateTime.formatDate(from) + "-"
                    + DicomDateTime.formatDate(to) + "&limit=50", "application/dicom+json"}};
            for (String[] call : calls) {
                long t = System.nanoTime();
                HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(URI.create(call[1])).header("Accept", call[2]).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                double ms = (System.nanoTime() - t) / 1e6;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(call[1] + " answered " + response.statusCode() + ": "
                            + new String(response.body(), 0, Math.min(300, response.body().length)));
                }
                if (r >= 0) {
                    times.get(call[0]).add(ms);
                }
            }
        }
        return times;
    }

    private static double percentile(List<Double> values, int p) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private static String patientId(int p) {
        return "BP" + String.format("%04d", p);
    }

    private static String issuer(int p) {
        return p % 2 == 0 ? "HOSP_A" : "HOSP_B";
    }

    private static void load(ElasticsearchStudyIndex index, int instances) {
        Random random = new Random(42);
        List<ArchivedInstance> batch = new ArrayList<>();
        String[] modalities = {"CT", "MR", "US", "DX"};
        int studies = Math.max(1, instances / PER_STUDY);
        for (int s = 0; s < studies; s++) {
            int p = s % PATIENTS;
            String study = "2.25.777." + s;
            LocalDate date = LocalDate.of(2015 + random.nextInt(10), 1 + random.nextInt(12), 1 + random.nextInt(28));
            LocalTime time = LocalTime.of(random.nextInt(24), random.nextInt(60));
            for (int i = 0; i < PER_STUDY; i++) {
                int seriesNumber = i < PER_STUDY / 2 ? 1 : 2;
                String series = study + "." + seriesNumber;
                String sop = series + "." + i;
                Dataset d = new Dataset();
                d.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
                d.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
                d.setString(Tags.SOPInstanceUID, VR.UI, sop);
                d.setString(Tags.StudyInstanceUID, VR.UI, study);
                d.setString(Tags.SeriesInstanceUID, VR.UI, series);
                d.setString(Tags.StudyDate, VR.DA, DicomDateTime.formatDate(date));
                d.setString(Tags.StudyTime, VR.TM, DicomDateTime.formatTime(time));
                d.setString(Tags.Modality, VR.CS, modalities[(s + seriesNumber) % modalities.length]);
                d.setString(Tags.AccessionNumber, VR.SH, "B" + s);
                d.setString(Tags.StudyDescription, VR.LO, "Benchmark study " + s);
                d.setString(Tags.PatientName, VR.PN, "Bench^Patient" + p);
                d.setString(Tags.PatientID, VR.LO, patientId(p));
                d.setString(Tags.IssuerOfPatientID, VR.LO, issuer(p));
                d.setString(Tags.PatientBirthDate, VR.DA, "19700101");
                d.setString(Tags.PatientSex, VR.CS, p % 2 == 0 ? "F" : "M");
                d.setInt(Tags.SeriesNumber, VR.IS, seriesNumber);
                d.setInt(Tags.InstanceNumber, VR.IS, i + 1);
                d.freeze();
                StoredObject blob = new StoredObject(InstanceKeys.instance(study, series, sop), 1000, null, Instant.now());
                batch.add(new ArchivedInstance(new InstanceRef(study, series, sop), new PatientId(patientId(p), issuer(p)),
                        "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.1.2.1", d, blob.toStoredBlob(), Instant.now(), "BENCH"));
                if (batch.size() == 1000) {
                    index.index(batch);
                    batch.clear();
                }
            }
        }
        index.index(batch);
        index.refresh();
    }

}
