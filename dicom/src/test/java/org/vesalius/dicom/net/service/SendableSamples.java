package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.testsupport.peers.Dcmtk;
import org.vesalius.testsupport.peers.DcmtkProcess;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.testsupport.samples.SharedSamples.Sample;

/**
 * The shared samples that dcmtk's storescu can deliver to dcmtk's own storescp, each proposing
 * exactly its own SOP Class and transfer syntax (compressed ones included), as the checks' {@code
 * sendable_baseline} does; and for each, the data set bytes exactly as they crossed the wire
 * (storescp {@code +B -F}: bit-preserving, data set only). Computed once per JVM (about a minute).
 */
final class SendableSamples {

    /** A sample storescu delivers, the storescu options that make its proposal, and the wire bytes. */
    record Sendable(Sample sample, List<String> proposal, Path wire) {
        @Override
        public String toString() {
            return sample.name();
        }
    }

    private static final ReentrantLock LOCK = new ReentrantLock();
    private static List<Sendable> sendable;
    private static int tried;

    private SendableSamples() {
    }

    /** The sendable samples (empty when the shared data is absent). */
    static List<Sendable> get() {
        LOCK.lock();
        try {
            if (sendable == null) {
                sendable = compute();
            }
            return sendable;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * The sendable samples; the calling test is skipped without dcmtk's storescp and storescu or
     * the shared samples, or failed under CI ({@code Prerequisites}).
     */
    static List<Sendable> require() {
        Dcmtk.require("storescp", "storescu");
        SharedSamples.require(s -> true);
        return get();
    }

    /** How many samples were tried. */
    static int tried() {
        get();
        return tried;
    }

    /**
     * The storescu arguments that propose exactly the sample's SOP Class and transfer syntax: a
     * one-context profile in a configuration file; {@code -R} (storescu's own choice for the file)
     * when the MANIFEST does not name both.
     */
    static List<String> proposal(Sample sample, Path configDir) throws IOException {
        String syntax = transferSyntax(sample);
        if (sample.sopClassUid().isEmpty() || syntax == null) {
            return List.of("-R");
        }
        Path cfg = configDir.resolve((sample.sopClassUid() + "_" + syntax) + ".cfg");
        if (!Files.exists(cfg)) {
            Files.writeString(cfg, """
                    [[TransferSyntaxes]]
                    [TS]
                    TransferSyntax1 = %s
                    [[PresentationContexts]]
                    [PC]
                    PresentationContext1 = %s\\TS
                    [[Profiles]]
                    [One]
                    PresentationContexts = PC
                    """.formatted(syntax, sample.sopClassUid()));
        }
        return List.of("--config-file", cfg.toString(), "One");
    }

    /**
     * The sample's transfer syntax: from its File Meta (the MANIFEST), or for a bare data set the
     * encoding it is in (as the reader recognizes it), so that storescu need not convert it.
     */
    static String transferSyntax(Sample sample) {
        if (!sample.transferSyntaxUid().isEmpty()) {
            return sample.transferSyntaxUid();
        }
        try (DicomStreamReader reader = DicomStreamReader.open(sample.path(), ReadOptions.DEFAULT)) {
            return reader.transferSyntax().uid();
        } catch (IOException e) {
            return null;
        }
    }

    /** storescu sending one file to {@code port} with the given proposal; true when the response was success or warning. */
    static Dcmtk.Result storescu(int port, String calledAe, List<String> proposal, Path file, String... extra)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-v", "-aet", "STORESCU", "-aec", calledAe));
        cmd.addAll(proposal);
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("127.0.0.1", String.valueOf(port), file.toString()));
        return Dcmtk.run(cmd);
    }

    static boolean delivered(Dcmtk.Result r) {
        return (r.stdout() + r.stderr()).matches("(?s).*Received Store Response \\((Success|Warning).*");
    }

    private static List<Sendable> compute() throws IOException, InterruptedException {
        List<Sample> samples = SharedSamples.all();
        if (samples.isEmpty() || !Dcmtk.available("storescp") || !Dcmtk.available("storescu")) {
            return List.of();
        }
        Path root = Files.createTempDirectory("vna-sendable");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
        Path incoming = Files.createDirectories(root.resolve("incoming"));
        Path wire = Files.createDirectories(root.resolve("wire"));
        Path configs = Files.createDirectories(root.resolve("cfg"));
        List<Sendable> out = new ArrayList<>();
        try (DcmtkProcess storescp = DcmtkProcess.start(port -> DcmtkProcess.args("storescp", "-aet", "BASELINE",
                "-od", incoming.toString(), "+B", "-F", "+xa", String.valueOf(port)))) {
            int i = 0;
            for (Sample sample : samples) {
                i++;
                List<String> proposal = proposal(sample, configs);
                Dcmtk.Result r = storescu(storescp.port(), "BASELINE", proposal, sample.path());
                List<Path> written = list(incoming);
                if (delivered(r) && written.size() == 1) {
                    Path target = wire.resolve(i + ".bin");
                    Files.move(written.get(0), target);
                    out.add(new Sendable(sample, proposal, target));
                } else {
                    for (Path p : written) {
                        Files.delete(p);
                    }
                }
            }
        }
        tried = samples.size();
        return List.copyOf(out);
    }

    static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    static void deleteTree(Path root) {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
