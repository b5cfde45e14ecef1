package org.vesalius.vna.server.launch;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.util.FileSystemUtils;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.testsupport.peers.DcmtkProcess;
import org.vesalius.vna.server.process.Checkout;

/**
 * Issue 12, point 8, as an operator meets it: {@code ./vna start} run by root from a checkout in a
 * directory the service user cannot enter (a root home, mode 700). It starts; Elasticsearch and
 * the server run as the unprivileged {@code vesalius} user, their files live in the state home
 * outside the checkout, and a stored instance is owner-only (0600 in 0700 directories). Runs only
 * as root (as CI does); the checkout is copied with the jars already built and started with
 * {@code VNA_NO_BUILD=1}, on ports of its own.
 */
class StartAsRootIT {

    private static final Duration GUARD = Duration.ofMinutes(5);

    @Test
    void rootStartsTheArchiveFromAHomeTheServiceUserCannotEnter() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root meets this (CI runs as root)");
        Path jar = Checkout.requireServerJar();
        Path home = Files.createTempDirectory("vna-root-home-"); // rwx------, as /root
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        Path checkout = home.resolve("vesalius");
        Path state = Path.of("/var/lib/vesalius-test").resolve(home.getFileName());
        Map<String, String> env = Map.of(
                "VNA_NO_BUILD", "1", "VNA_AOT", "off", "VNA_STATE_HOME", state.toString(),
                "VNA_HTTP_PORT", port(), "VNA_DICOM_PORT", port(), "VNA_HL7_PORT", port(),
                "VNA_ES_PORT", port(), "VNA_ES_TRANSPORT_PORT", port(), "VNA_ES_HEAP", "512m", "VNA_ES_HEAP_MIN", "512m");
        try {
            // What a deployment needs: the script, its parts, the pom (the Elasticsearch version) and the server jar.
            Files.createDirectories(checkout.resolve("vna-server/target"));
            copy(Checkout.root().resolve("vna"), checkout.resolve("vna"));
            copy(Checkout.root().resolve("pom.xml"), checkout.resolve("pom.xml"));
            run(List.of("cp", "-a", Checkout.root().resolve("scripts").toString(), checkout.toString()), Map.of(), checkout);
            copy(jar, checkout.resolve("vna-server/target").resolve(jar.getFileName()));

            String started = run(List.of("./vna", "start"), env, checkout);
            assertThat(started).contains("cannot traverse", state.toString());

            int http = Integer.parseInt(env.get("VNA_HTTP_PORT"));
            long serverPid = Long.parseLong(Files.readString(state.resolve("run/vna-server.pid")).strip());
            long esPid = Long.parseLong(Files.readString(state.resolve("run/es/elasticsearch.pid")).strip());
            String vesalius = run(List.of("id", "-u", "vesalius"), Map.of(), checkout).strip();
            assertThat(uid(serverPid)).as("the server's user").isEqualTo(vesalius);
            assertThat(uid(esPid)).as("Elasticsearch's user").isEqualTo(vesalius);
            assertThat(checkout.resolve("run")).as("nothing written into the checkout").doesNotExist();
            assertThat(checkout.resolve("data")).doesNotExist();

            // ./vna start requires tokens on HTTP; ./vna token gives one of its embedded issuer.
            assertThat(stow(http, null).statusCode()).isEqualTo(401);
            String[] tokenLines = run(List.of("./vna", "token", "demo-data"), env, checkout).strip().split("\n");
            HttpResponse<String> stored = stow(http, tokenLines[tokenLines.length - 1]);
            assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
            Path security = state.resolve("data/security");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(security))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(security.resolve("issuer.properties"))))
                    .isEqualTo("rw-------");
            Path blobs = state.resolve("data/blobs");
            try (Stream<Path> files = Files.walk(blobs)) {
                List<Path> objects = files.filter(p -> p.toString().endsWith(".dcm")).toList();
                assertThat(objects).hasSize(1);
                for (Path p = objects.get(0); !p.equals(blobs); p = p.getParent()) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(p.toString())
                            .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
                    assertThat(Files.getOwner(p).getName()).as(p.toString()).isEqualTo("vesalius");
                }
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("run/logs/vna-server.log"))))
                    .isEqualTo("rw-------");
            // ./vna start audits (vna.audit.enabled): the STOW-RS is one record in the owner-only audit queue.
            Path audit = state.resolve("data/audit");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(audit))).isEqualTo("rwx------");
            assertThat(Files.getOwner(audit).getName()).isEqualTo("vesalius");
            Path segment = audit.resolve("audit-1.log");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(segment))).isEqualTo("rw-------");
            assertThat(Files.readString(segment)).contains("csd-code=\"110104\"");
        } finally {
            try {
                run(List.of("./vna", "stop"), env, checkout);
            } finally {
                FileSystemUtils.deleteRecursively(home);
                FileSystemUtils.deleteRecursively(state);
                try {
                    Files.deleteIfExists(state.getParent()); // the test's own parent, once no run uses it
                } catch (java.nio.file.DirectoryNotEmptyException inUse) {
                    // another run of this test is under way
                }
            }
        }
    }

    private static String port() {
        try {
            return Integer.toString(DcmtkProcess.freePort());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.copy(from, to, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }

    /** The real user id of a process, from /proc. */
    private static String uid(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
    }

    /** Runs a command to its end (hang guard: 5 minutes); fails with its output unless it exits 0. */
    private static String run(List<String> command, Map<String, String> env, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (IOException e) {
                // the process ended
            }
        });
        if (!p.waitFor(GUARD.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        reader.join(GUARD.toMillis());
        String text = out.toString(UTF_8);
        System.out.println("StartAsRootIT: " + String.join(" ", command) + "\n" + text);
        assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + text).isZero();
        return text;
    }

    private static HttpResponse<String> stow(int port, String token) throws Exception {
        Dataset ds = new Dataset();
        ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(Tags.SOPInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.5.1.1");
        ds.setString(Tags.StudyInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.5.1");
        ds.setString(Tags.SeriesInstanceUID, VR.UI, "1.2.826.0.1.3680043.2.1125.5.1.2");
        ds.setString(Tags.PatientID, VR.LO, "ROOT-HOME");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("--b\r\nContent-Type: application/dicom\r\n\r\n".getBytes(ISO_8859_1));
        DicomWriter.writeFile(DicomFile.of(ds, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), body, EncodingOptions.DEFAULT);
        body.writeBytes("\r\n--b--\r\n".getBytes(ISO_8859_1));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/dicomweb/studies"))
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=b")
                .header("Accept", "application/dicom+json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
