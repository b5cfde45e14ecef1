package org.vesalius.vna.server.audit;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.peers.TestElasticsearch;
import org.vesalius.testsupport.peers.TestIndexes;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.fhir.PatientIds;
import org.vesalius.vna.server.process.Checkout;
import org.vesalius.vna.server.process.Poll;
import org.vesalius.vna.server.process.ServerProcess;
import org.vesalius.vna.server.process.TinyInstance;

/**
 * The audit trail against a real audit record repository: rsyslog with RFC 5425 TLS. A scripted
 * session (STOW-RS, QIDO-RS, FHIR ImagingStudy search, dcmtk's findscu and getscu, WADO-RS) gives one audit message per access at rsyslog, each valid
 * against the DICOM audit message schema; with rsyslog stopped the same requests still succeed, and
 * their messages arrive once it is back.
 */
class AuditTrailIT {

    private static final Duration GUARD = Duration.ofMinutes(2);

    @Test
    void everyAccessReachesRsyslogOverTlsAlsoAfterAnOutage() throws Exception {
        Rsyslog.require();
        Dcmtk.require("findscu", "getscu");
        String es = TestElasticsearch.require();
        Checkout.requireServerJar();
        Path scratch = Checkout.newScratchDirectory("audit-trail");
        Schema schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(AuditTrailIT.class.getResource("/dicom2017c.xsd"));
        try (Rsyslog rsyslog = Rsyslog.in(scratch.resolve("rsyslog"));
                ServerProcess server = ServerProcess.builder("audit-trail").dataDirectory(scratch.resolve("server")).elasticsearch(es)
                        .property("vna.audit.enabled", "true")
                        .property("vna.audit.collector.host", "localhost")
                        .property("vna.audit.collector.port", Integer.toString(rsyslog.port()))
                        .property("vna.audit.collector.ssl-bundle", "audit")
                        .property("spring.ssl.bundle.pem.audit.truststore.certificate", "file:" + rsyslog.caCertificate())
                        .property("vna.audit.retry-interval", "1s")
                        .build()) {
            try {
                rsyslog.start();
                server.start();
                server.awaitReady();

                session(server, "AUDIT-1", scratch);
                List<String> first = Poll.until("six audit messages at rsyslog", GUARD, rsyslog::received, m -> m.size() >= 6);
                assertThat(first).hasSize(6);
                assertValid(schema, first);
                assertThat(first.get(0)).contains("csd-code=\"110104\"").contains("EventActionCode=\"C\"").contains("AUDIT-1");
                assertThat(first.get(1)).contains("csd-code=\"110112\"").contains("AUDIT-1");
                assertThat(first.get(2)).contains("csd-code=\"110112\"").contains("AUDIT-1");
                assertThat(first.get(3)).contains("csd-code=\"110112\"").contains("AUDIT-1").contains("UserID=\"AUDITSCU\"");
                assertThat(first.get(4)).contains("csd-code=\"110104\"").contains("EventActionCode=\"R\"")
                        .contains("UserID=\"AUDITSCU\"");
                assertThat(first.get(5)).contains("csd-code=\"110104\"").contains("EventActionCode=\"R\"");
                assertThat(first).allMatch(m -> m.contains("127.0.0.1") && m.contains("EventOutcomeIndicator=\"0\""));

                rsyslog.stop();
                session(server, "AUDIT-2", scratch); // every request still succeeds (asserted inside)
                assertThat(rsyslog.received()).hasSize(6);

                rsyslog.start();
                List<String> all = Poll.until("the queued messages after rsyslog is back", GUARD, rsyslog::received, m -> m.size() >= 12);
                assertThat(all).hasSize(12);
                assertValid(schema, all);
                assertThat(all.subList(6, 12)).allMatch(m -> m.contains("AUDIT-2") || m.contains("EventActionCode=\"R\""));

                Path queue = server.dataDirectory().resolve("data/audit");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(queue))).isEqualTo("rwx------");
                TestIndexes.drop(es, server.indexPrefix());
            } catch (Throwable t) {
                System.out.printf("AuditTrailIT failed; server log %s, rsyslog in %s%n", server.log(), scratch.resolve("rsyslog"));
                throw t;
            }
        }
    }

    /** STOW-RS one instance of patient {@code patientId}, QIDO-RS, FHIR and C-FIND for it, C-GET and WADO-RS its study: each answered with success. */
    private static void session(ServerProcess server, String patientId, Path scratch) throws Exception {
        String study = "2.25." + Math.abs(System.nanoTime());
        try (HttpClient http = HttpClient.newHttpClient()) {
            String boundary = "audit-" + System.nanoTime();
            HttpRequest stow = HttpRequest.newBuilder(server.uri("/dicomweb/studies"))
                    .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                    .header("Accept", "application/dicom+json")
                    .POST(HttpRequest.BodyPublishers.concat(
                            HttpRequest.BodyPublishers.ofByteArray(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n")
                                    .getBytes(US_ASCII)),
                            HttpRequest.BodyPublishers.ofByteArray(TinyInstance.of(study, patientId, "Audit^Trail")),
                            HttpRequest.BodyPublishers.ofByteArray(("\r\n--" + boundary + "--\r\n").getBytes(US_ASCII))))
                    .build();
            assertThat(http.send(stow, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            HttpResponse<String> qido = server.get("/dicomweb/studies?PatientID=" + patientId, "application/dicom+json");
            assertThat(qido.statusCode()).isIn(200, 204);
            HttpResponse<String> fhir = server.get("/fhir/ImagingStudy?patient=Patient/" + PatientIds.of(new PatientId(patientId, "")),
                    "application/fhir+json");
            assertThat(fhir.statusCode()).isEqualTo(200);
            Dcmtk.Result find = Dcmtk.run(List.of("findscu", "-S", "-aet", "AUDITSCU", "-aec", ServerProcess.AE_TITLE,
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "PatientID=" + patientId, "-k", "StudyInstanceUID",
                    "127.0.0.1", Integer.toString(server.dicomPort())));
            assertThat(find.ok()).as(find.stderr()).isTrue();
            Path received = Files.createDirectories(scratch.resolve("c-get-" + patientId));
            Dcmtk.Result get = Dcmtk.run(List.of("getscu", "-S", "-aet", "AUDITSCU", "-aec", ServerProcess.AE_TITLE,
                    "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study, "-od", received.toString(),
                    "127.0.0.1", Integer.toString(server.dicomPort())));
            assertThat(get.ok()).as(get.stderr()).isTrue();
            try (var files = Files.list(received)) {
                assertThat(files.count()).as("instances received by C-GET").isEqualTo(1);
            }
            HttpResponse<String> wado = server.get("/dicomweb/studies/" + study + "/metadata", "application/dicom+json");
            assertThat(wado.statusCode()).isEqualTo(200);
        }
    }

    private static void assertValid(Schema schema, List<String> messages) throws Exception {
        for (String message : messages) {
            schema.newValidator().validate(new StreamSource(new StringReader(message)));
        }
    }
}
