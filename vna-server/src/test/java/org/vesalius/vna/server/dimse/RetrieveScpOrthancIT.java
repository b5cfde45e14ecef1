package org.vesalius.vna.server.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.DatasetBuilder;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.testsupport.peers.OrthancConfig;
import org.vesalius.testsupport.peers.OrthancProcess;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.vna.server.dimse.SampleArchive.Stored;
import org.vesalius.testsupport.samples.SharedSamples;

/**
 * Orthanc as the mover and the destination: Orthanc's C-MOVE SCU ({@code POST
 * /modalities/vesalius/move}) asks the server to move studies to Orthanc itself, a destination
 * of {@code vna.dicom.destinations}; what Orthanc then holds is compared with the wire bytes of
 * the C-STORE that brought each instance in. Skipped without Orthanc, dcmtk or the shared samples.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetrieveScpOrthancIT {

    /** Enough samples for several studies in several syntaxes, few enough to stay quick. */
    private static final int SAMPLES = 80;
    private static OrthancProcess orthanc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ServerTestSupport.tempBlobRoot(registry);
        if (OrthancProcess.available() && Dcmtk.available("storescu", "storescp")) {
            // Started before the server, whose configuration names Orthanc's DICOM port.
            orthanc = OrthancProcess.start(OrthancConfig.builder().aet("ORTHANC").build());
            registry.add("vna.dicom.destinations.ORTHANC", () -> "127.0.0.1:" + orthanc.dicomPort());
        }
    }

    @AfterAll
    void stop() {
        if (orthanc != null) {
            orthanc.close();
        }
    }

    @Autowired
    DicomListener listener;

    @Test
    void orthancMovesStudiesFromUsToItselfAndHoldsTheWireBytes() throws Exception {
        OrthancProcess.require();
        org.vesalius.testsupport.peers.Dcmtk.require("storescu", "storescp");
        SharedSamples.require(s -> true);
        Path work = Files.createTempDirectory("vna-retrieve-orthanc-it");
        SampleArchive archive = SampleArchive.load(listener.port(), "VESALIUS", work, SAMPLES);
        // Our port is known only now; Orthanc learns it at run time.
        orthanc.putModality("vesalius", new OrthancConfig.Peer("VESALIUS", "127.0.0.1", listener.port()), Map.of());
        Set<String> studies = archive.stored.stream().collect(Collectors.groupingBy(Stored::studyUid)).entrySet().stream()
                .filter(e -> e.getValue().stream().allMatch(Stored::deliverable)).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        List<Stored> expected = archive.ofStudies(studies);
        assumeTrue(!expected.isEmpty(), "no study storescp takes whole");

        List<Map<String, String>> resources = studies.stream().map(s -> Map.of("StudyInstanceUID", s)).toList();
        orthanc.postJson("/modalities/vesalius/move", Map.of("Level", "Study", "Resources", resources, "TargetAet", "ORTHANC"));

        Map<String, byte[]> held = heldByOrthanc();
        assertThat(held.keySet()).containsExactlyInAnyOrderElementsOf(expected.stream().map(Stored::sopInstanceUid).toList());
        for (Stored s : expected) {
            assertThat(held.get(s.sopInstanceUid())).as("%s (%s) bit for bit", s.file(), s.transferSyntaxUid()).isEqualTo(s.wire());
        }
        System.out.printf("Orthanc: moved %d instances of %d studies from us to itself, byte-identical%n", expected.size(),
                studies.size());
    }

    /** Every instance Orthanc holds: its data set bytes (the stored file after its File Meta), by SOP Instance UID. */
    private static Map<String, byte[]> heldByOrthanc() throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        orthanc.getJson("/instances").forEach((JsonNode id) -> ids.add(id.asText()));
        for (String id : ids) {
            byte[] file = http.send(HttpRequest.newBuilder(URI.create(orthanc.httpUrl() + "/instances/" + id + "/file")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            out.put(sopInstanceUid(file), dataSetOf(file));
        }
        return out;
    }

    private static String sopInstanceUid(byte[] part10) throws Exception {
        try (DicomStreamReader r = DicomStreamReader.open(new java.io.ByteArrayInputStream(part10),
                ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA))) {
            Dataset header = DatasetBuilder.build(r, new Dataset());
            return header.getString(Tags.SOPInstanceUID, "");
        }
    }

    private static byte[] dataSetOf(byte[] part10) {
        assertThat(new String(part10, 128, 4, StandardCharsets.US_ASCII)).isEqualTo("DICM");
        long groupLength = (part10[140] & 0xFFL) | (part10[141] & 0xFFL) << 8 | (part10[142] & 0xFFL) << 16
                | (part10[143] & 0xFFL) << 24;
        return Arrays.copyOfRange(part10, (int) (144 + groupLength), part10.length);
    }
}
