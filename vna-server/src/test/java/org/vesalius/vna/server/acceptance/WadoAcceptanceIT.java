package org.vesalius.vna.server.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.json.BulkDataUriBuilder;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.dicom.io.BulkDataDescriptor;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.archive.dicomweb.MediaType;
import org.vesalius.vna.archive.dicomweb.MultipartReader;
import org.vesalius.vna.archive.journal.Journal;
import org.vesalius.vna.server.ServerTestSupport;
import org.vesalius.vna.server.dimse.DicomListener;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.samples.SharedSamples;

/**
 * Retrieval acceptance over real peers: dcmtk's storescu sends every conflict-free shared sample
 * (each in its own transfer syntax) to dcmtk's storescp {@code +B}, whose files are the data sets
 * exactly as they crossed the wire, and to our C-STORE SCP. Then, for every instance both took:
 * WADO-RS ({@code transfer-syntax=*}) and WADO-URI return those data set bytes; {@code /metadata}
 * is the DICOM JSON of the object minus bulk data, and every BulkDataURI in it resolves to the
 * value's bytes. After a patient update written to the journal for every patient, WADO-RS and
 * WADO-URI return the new name with the bytes from Pixel Data on unchanged. Skipped without dcmtk
 * or the samples; needs no Elasticsearch (retrieval reads the blob store).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class WadoAcceptanceIT {

    static final String ANY = "multipart/related; type=\"application/dicom\"; transfer-syntax=*";
    static final String NEW_NAME = "Åcceptance^Ümlaut";
    static final BulkDataDescriptor BULK = BulkDataDescriptor.STANDARD.or(BulkDataDescriptor.binaryLongerThan(1024));

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        ServerTestSupport.tempBlobRoot(registry);
    }

    @LocalServerPort
    int port;
    @Autowired
    DicomListener listener;
    @Autowired
    Journal journal;

    final HttpClient http = HttpClient.newHttpClient();
    final List<String> problems = new ArrayList<>();
    final Map<String, String> wireSyntax = new HashMap<>();
    final Map<String, byte[]> wireFiles = new HashMap<>();

    @Test
    void everyInstanceStoredThroughCStoreComesBackAsItCrossedTheWireAndUpdated() throws Exception {
        Dcmtk.require("storescu");
        SharedSamples.require(s -> true);
        List<AcceptanceData.Sample> samples = AcceptanceData.samples();
        Map<String, byte[]> wire = baseline(samples);
        Map<Path, Storescu.Outcome> ours = new Storescu("127.0.0.1", listener.port(), "ACCEPTANCE", "VESALIUS")
                .send(samples.stream().map(AcceptanceData.Sample::file).toList());
        List<AcceptanceData.Sample> both = samples.stream()
                .filter(s -> wire.containsKey(s.sopInstanceUid()) && ours.get(s.file()) == Storescu.Outcome.SUCCESS).toList();
        assertThat(both.size()).as("instances both took").isGreaterThan(samples.size() / 2);

        Map<PatientId, List<AcceptanceData.Sample>> byPatient = new HashMap<>();
        int byMeaning = 0;
        for (AcceptanceData.Sample s : both) {
            byte[] sent = wire.get(s.sopInstanceUid());
            byte[] rs = wadoRs(s);
            byte[] uri = wadoUri(s);
            if (syntax(uri).equals(wireSyntax.get(s.sopInstanceUid()))) {
                check(s, "WADO-RS", dataSet(rs), sent);
                check(s, "WADO-URI", dataSet(uri), sent);
            } else {
                // storescu offered several syntaxes and the two SCPs chose differently: compare meaning, as the check does
                byMeaning++;
                sameMeaning(s, "WADO-RS", rs, wireFiles.get(s.sopInstanceUid()));
                sameMeaning(s, "WADO-URI", uri, wireFiles.get(s.sopInstanceUid()));
            }
            metadata(s, uri);
            Dataset h = DicomReader.read(new ByteArrayInputStream(uri), ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA)).dataset();
            PatientId patient = new PatientId(h.getString(Tags.PatientID, ""), h.getString(Tags.IssuerOfPatientID, ""));
            if (!patient.id().isEmpty()) {
                byPatient.computeIfAbsent(patient, p -> new ArrayList<>()).add(s);
            }
        }

        Dataset values = new Dataset();
        values.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        values.setString(Tags.PatientName, VR.PN, NEW_NAME);
        byPatient.keySet().forEach(p -> journal.append(p, values, "acceptance", "WadoAcceptanceIT"));
        int updated = 0;
        for (List<AcceptanceData.Sample> list : byPatient.values()) {
            for (AcceptanceData.Sample s : list) {
                byte[] sent = wire.get(s.sopInstanceUid());
                updated(s, "WADO-RS", wadoRs(s), sent);
                updated(s, "WADO-URI", wadoUri(s), sent);
                updated++;
            }
        }
        org.slf4j.LoggerFactory.getLogger(WadoAcceptanceIT.class).info(
                "WADO acceptance: {} samples sent, {} taken by both SCPs ({} in another syntax than the baseline's), {} checked after the update",
                samples.size(), both.size(), byMeaning, updated);
        assertThat(problems).isEmpty();
        assertThat(updated).isGreaterThan(both.size() / 2);
    }

    private void sameMeaning(AcceptanceData.Sample s, String how, byte[] served, byte[] wireFile) throws IOException {
        String a = DicomJsonWriter.toJson(DicomReader.read(new ByteArrayInputStream(served), ReadOptions.DEFAULT).dataset(), WriteOptions.DEFAULT);
        String b = DicomJsonWriter.toJson(DicomReader.read(new ByteArrayInputStream(wireFile), ReadOptions.DEFAULT).dataset(), WriteOptions.DEFAULT);
        if (!a.equals(b)) {
            problems.add(how + " " + s.file() + ": another transfer syntax than the baseline's, and another content");
        }
    }

    private static String syntax(byte[] part10) throws IOException {
        try (DicomStreamReader r = DicomStreamReader.open(new ByteArrayInputStream(part10), ReadOptions.DEFAULT.withStopBefore(h -> true))) {
            return r.fileMeta() == null ? "" : r.fileMeta().getString(Tag.TRANSFER_SYNTAX_UID, "");
        }
    }

    private void check(AcceptanceData.Sample s, String how, byte[] served, byte[] sent) {
        if (!Arrays.equals(served, sent)) {
            problems.add(how + " " + s.file() + ": " + served.length + " bytes served, " + sent.length + " sent");
        }
    }

    /** The served object has the new name, and from Pixel Data on (or its whole tail) the wire's bytes. */
    private void updated(AcceptanceData.Sample s, String how, byte[] part10, byte[] sent) throws IOException {
        DicomFile served = DicomReader.read(new ByteArrayInputStream(part10), ReadOptions.DEFAULT);
        if (!NEW_NAME.equals(served.dataset().getString(Tags.PatientName))) {
            problems.add(how + " " + s.file() + ": name " + served.dataset().getString(Tags.PatientName) + " after the update");
        }
        byte[] wireFile = wireFiles.get(s.sopInstanceUid());
        if (served.transferSyntax().deflated() || !syntax(part10).equals(wireSyntax.get(s.sopInstanceUid()))) {
            // compressed as a whole, or received in another syntax than the baseline's: compare the values
            Object a = served.dataset().getValue(Tags.PixelData);
            Object b = DicomReader.read(new ByteArrayInputStream(wireFile), ReadOptions.DEFAULT).dataset().getValue(Tags.PixelData);
            boolean same = a instanceof byte[] x && b instanceof byte[] y ? Arrays.equals(x, y) : java.util.Objects.equals(a, b);
            if (!same) {
                problems.add(how + " " + s.file() + ": pixel data changed by the update");
            }
            return;
        }
        byte[] ds = dataSet(part10);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.write(part10, 0, part10.length - ds.length);
        wire.writeBytes(sent);
        byte[] asSent = wire.toByteArray(); // the same File Meta in front, so both are read the same way
        long a = pixelDataOffset(part10);
        long b = pixelDataOffset(asSent);
        if (a < 0 != b < 0 || a >= 0 && !Arrays.equals(Arrays.copyOfRange(part10, (int) a, part10.length),
                Arrays.copyOfRange(asSent, (int) b, asSent.length))) {
            problems.add(how + " " + s.file() + ": pixel data changed by the update");
        }
    }

    /** /metadata equals the JSON of the served object minus bulk data; every BulkDataURI resolves. */
    private void metadata(AcceptanceData.Sample s, byte[] part10) throws Exception {
        String instanceUrl = base() + path(s);
        Dataset whole = DicomReader.read(new ByteArrayInputStream(part10), ReadOptions.DEFAULT).dataset();
        String expected = DicomJsonWriter.toJson(whole, WriteOptions.DEFAULT.withBulkData(BULK, BulkDataUriBuilder.under(instanceUrl + "/bulkdata")));
        HttpResponse<byte[]> r = get(path(s) + "/metadata", "application/dicom+json");
        ObjectMapper json = new ObjectMapper();
        JsonNode got = json.readTree(r.body());
        if (r.statusCode() != 200 || got.size() != 1 || !got.get(0).equals(json.readTree(expected))) {
            problems.add("metadata " + s.file() + ": differs from the object's JSON");
            return;
        }
        List<String> uris = new ArrayList<>();
        got.get(0).findValues("BulkDataURI").forEach(n -> uris.add(n.asText()));
        for (String uri : uris) {
            String tagPath = uri.substring((instanceUrl + "/bulkdata/").length());
            HttpResponse<byte[]> v = get(path(s) + "/bulkdata/" + tagPath, "multipart/related; type=application/octet-stream; transfer-syntax=*");
            byte[] value = concatenatedParts(v);
            if (v.statusCode() != 200 || !Arrays.equals(value, expectedValue(whole, tagPath))) {
                problems.add("bulk data " + tagPath + " of " + s.file() + ": " + v.statusCode() + ", " + value.length + " bytes");
            }
        }
    }

    static byte[] expectedValue(Dataset ds, String tagPath) {
        String[] steps = tagPath.split("/");
        Dataset at = ds;
        for (int i = 0; i + 2 < steps.length + 1 && i < steps.length - 1; i += 2) {
            Sequence seq = at.getSequence(Integer.parseUnsignedInt(steps[i], 16));
            at = seq.get(Integer.parseInt(steps[i + 1]));
        }
        Object v = at.getValue(Integer.parseUnsignedInt(steps[steps.length - 1], 16));
        if (v instanceof Fragments f) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 1; i < f.size(); i++) {
                out.writeBytes((byte[]) f.get(i));
            }
            return out.toByteArray();
        }
        return v == null ? new byte[0] : (byte[]) v;
    }

    private byte[] wadoRs(AcceptanceData.Sample s) throws Exception {
        HttpResponse<byte[]> r = get(path(s), ANY);
        byte[] all = concatenatedParts(r);
        if (r.statusCode() != 200) {
            problems.add("WADO-RS " + s.file() + ": " + r.statusCode());
        }
        return all;
    }

    private byte[] wadoUri(AcceptanceData.Sample s) throws Exception {
        HttpResponse<byte[]> r = get("/wado?requestType=WADO&studyUID=" + s.studyInstanceUid() + "&seriesUID=" + s.seriesInstanceUid()
                + "&objectUID=" + s.sopInstanceUid() + "&contentType=application/dicom", null);
        if (r.statusCode() != 200) {
            problems.add("WADO-URI " + s.file() + ": " + r.statusCode());
        }
        return r.body();
    }

    private static byte[] concatenatedParts(HttpResponse<byte[]> r) throws IOException {
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("multipart/")) {
            return r.body();
        }
        MultipartReader reader = new MultipartReader(new ByteArrayInputStream(r.body()),
                MediaType.parse(type).orElseThrow().parameter("boundary").orElseThrow());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (MultipartReader.Part p = reader.next(); p != null; p = reader.next()) {
            p.content().transferTo(out);
        }
        return out.toByteArray();
    }

    private HttpResponse<byte[]> get(String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static String path(AcceptanceData.Sample s) {
        return "/dicomweb/studies/" + s.studyInstanceUid() + "/series/" + s.seriesInstanceUid() + "/instances/" + s.sopInstanceUid();
    }

    /** The data set of a Part 10 object: after preamble, magic and the group 0002 elements (as the check's dataset_bytes.py). */
    static byte[] dataSet(byte[] part10) {
        int at = part10.length >= 132 && part10[128] == 'D' && part10[129] == 'I' && part10[130] == 'C' && part10[131] == 'M' ? 132 : 0;
        while (at + 8 <= part10.length && part10[at] == 2 && part10[at + 1] == 0) {
            String vr = new String(part10, at + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
            boolean longForm = Set.of("OB", "OW", "OF", "SQ", "UT", "UN", "UC", "UR", "OD", "OL", "OV", "SV", "UV").contains(vr);
            long len = longForm ? (part10[at + 8] & 0xFFL | (part10[at + 9] & 0xFFL) << 8 | (part10[at + 10] & 0xFFL) << 16
                    | (part10[at + 11] & 0xFFL) << 24) : (part10[at + 6] & 0xFF | (part10[at + 7] & 0xFF) << 8);
            at += (longForm ? 12 : 8) + (int) len;
        }
        return Arrays.copyOfRange(part10, at, part10.length);
    }

    private static long pixelDataOffset(byte[] part10) throws IOException {
        try (DicomStreamReader r = DicomStreamReader.open(new ByteArrayInputStream(part10),
                ReadOptions.DEFAULT.withStopBefore(h -> Integer.compareUnsigned(h.tag(), 0x7FE00008) >= 0))) {
            while (true) {
                DicomStreamReader.Token t = r.next();
                if (t == DicomStreamReader.Token.STOPPED) {
                    return r.position();
                }
                if (t == DicomStreamReader.Token.END) {
                    return -1;
                }
            }
        }
    }

    /** storescp +B: the data set of each file as it crossed the wire, by SOP Instance UID. */
    private Map<String, byte[]> baseline(List<AcceptanceData.Sample> samples) throws Exception {
        Path work = Files.createTempDirectory("vna-wado-it");
        Path incoming = Files.createDirectories(work.resolve("incoming"));
        int baselinePort;
        try (ServerSocket free = new ServerSocket(0)) {
            baselinePort = free.getLocalPort();
        }
        Process storescp = new ProcessBuilder("storescp", "-aet", "BASELINE", "-od", incoming.toString(), "+B", "+xa",
                String.valueOf(baselinePort)).redirectErrorStream(true).redirectOutput(work.resolve("storescp.log").toFile()).start();
        try {
            while (storescp.isAlive()) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", baselinePort), 1000);
                    break;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            new Storescu("127.0.0.1", baselinePort, "ACCEPTANCE", "BASELINE").send(samples.stream().map(AcceptanceData.Sample::file).toList());
        } finally {
            storescp.destroy();
            storescp.waitFor(30, TimeUnit.SECONDS);
        }
        Set<String> sops = new LinkedHashSet<>();
        samples.forEach(s -> sops.add(s.sopInstanceUid()));
        Map<String, byte[]> out = new HashMap<>();
        try (Stream<Path> files = Files.list(incoming)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                String sop = name.substring(name.indexOf('.') + 1);
                if (sops.contains(sop)) {
                    byte[] file = Files.readAllBytes(f);
                    out.put(sop, dataSet(file)); // storescp writes a File Meta of its own in front
                    wireFiles.put(sop, file);
                    wireSyntax.put(sop, syntax(file));
                }
            }
        }
        return out;
    }
}
