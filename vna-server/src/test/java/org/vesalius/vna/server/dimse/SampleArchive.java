package org.vesalius.vna.server.dimse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.DatasetBuilder;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.server.dimse.CStoreScpDcmtkIT.Sample;

/**
 * The shared samples stored in the server by dcmtk's {@code storescu}, each proposed in exactly
 * its own SOP Class and transfer syntax (one context per pair, many pairs per association), and
 * the reference for what must come back: the same instances sent the same way to dcmtk's
 * {@code storescp +B -F +xa}, which writes the data set bytes exactly as they crossed the wire.
 */
final class SampleArchive {

    /** Distinct SOP Class / transfer syntax pairs per association (128 contexts at most). */
    private static final int PAIRS_PER_ASSOCIATION = 100;
    private static final int FILES_PER_ASSOCIATION = 60;

    /**
     * One instance the server stored.
     *
     * @param wire the data set bytes as they crossed the wire to storescp, or null when storescp
     *             does not take the instance (a SOP Class or transfer syntax it does not know):
     *             then no dcmtk SCP can be expected to receive it either
     */
    record Stored(Path file, String sopInstanceUid, String sopClassUid, String transferSyntaxUid, String studyUid,
            String seriesUid, PatientId patient, byte[] wire) {

        boolean deliverable() {
            return wire != null;
        }

        boolean encapsulated() {
            return !org.vesalius.dicom.io.TransferSyntax.of(transferSyntaxUid).isNative();
        }

        /**
         * Whether the archive can send it in a native syntax: native already, or pixel data its
         * decoders take (the rule WADO-RS, C-MOVE and C-GET share: {@code Transcoder.unsupported}).
         */
        boolean nativeAvailable() {
            if (!encapsulated()) {
                return true;
            }
            try {
                Dataset h = header(file);
                org.vesalius.dicom.image.PixelDescription pixels = h.contains(Tags.Rows)
                        ? org.vesalius.dicom.image.PixelDescription.of(h) : null;
                return org.vesalius.dicom.codec.Transcoder.unsupported(org.vesalius.dicom.io.TransferSyntax.of(transferSyntaxUid),
                        org.vesalius.dicom.io.TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, pixels).isEmpty();
            } catch (IOException | IllegalArgumentException e) {
                return false;
            }
        }
    }

    final List<Stored> stored;
    /** Samples the server refused (their SOP Instance UID was stored from another file, or the object is bad). */
    final int refused;
    /** Samples storescu could not send at all. */
    final int notSent;

    private SampleArchive(List<Stored> stored, int refused, int notSent) {
        this.stored = List.copyOf(stored);
        this.refused = refused;
        this.notSent = notSent;
    }

    /** Sends every sample to the server, then what it stored to a reference storescp. */
    static SampleArchive load(int serverPort, String serverAe, Path work) throws IOException, InterruptedException {
        return load(serverPort, serverAe, work, Integer.MAX_VALUE);
    }

    /** The same with the first {@code limit} samples only. */
    static SampleArchive load(int serverPort, String serverAe, Path work, int limit) throws IOException, InterruptedException {
        List<Sample> samples = CStoreScpDcmtkIT.samples().stream().limit(limit).toList();
        Map<Path, String> outcomes = send(samples, serverPort, serverAe, work.resolve("to-server"));
        Map<String, Sample> firstStored = new LinkedHashMap<>();
        Map<Path, Dataset> headers = new LinkedHashMap<>();
        int refused = 0;
        int notSent = 0;
        for (Sample s : samples) {
            String outcome = outcomes.get(s.path());
            if (outcome == null) {
                notSent++;
                continue;
            }
            if (!outcome.startsWith("Success") && !outcome.startsWith("Warning")) {
                refused++;
                continue;
            }
            Dataset header = header(s.path());
            headers.put(s.path(), header);
            firstStored.putIfAbsent(header.getString(Tags.SOPInstanceUID, ""), s);
        }
        Path baseline = Files.createDirectories(work.resolve("baseline"));
        int port = Dcmtk.freePort();
        try (Dcmtk.Scp scp = Dcmtk.start(work.resolve("baseline.log"), port, "storescp", "-aet", "BASELINE", "-od",
                baseline.toString(), "+B", "-F", "+xa")) {
            send(List.copyOf(firstStored.values()), scp.port(), "BASELINE", work.resolve("to-baseline"));
        }
        Map<String, byte[]> wire = received(baseline);
        List<Stored> stored = new ArrayList<>();
        firstStored.forEach((uid, s) -> {
            Dataset h = headers.get(s.path());
            stored.add(new Stored(s.path(), uid, s.sopClass(), s.transferSyntax(), h.getString(Tags.StudyInstanceUID, ""),
                    h.getString(Tags.SeriesInstanceUID, ""),
                    new PatientId(h.getString(Tags.PatientID, ""), h.getString(Tags.IssuerOfPatientID, "")), wire.get(uid)));
        });
        return new SampleArchive(stored, refused, notSent);
    }

    List<Stored> deliverable() {
        return stored.stream().filter(Stored::deliverable).toList();
    }

    Set<String> studies() {
        return stored.stream().map(Stored::studyUid).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    List<Stored> ofStudies(Set<String> studies) {
        return stored.stream().filter(s -> studies.contains(s.studyUid())).toList();
    }

    /**
     * Files received by a storescp or getscu in {@code dir}, by SOP Instance UID (storescp names
     * them {@code <modality>.<SOP Instance UID>}, getscu by the UID alone).
     */
    static Map<String, byte[]> received(Path dir) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (Character.isDigit(name.charAt(0))) {
                    out.put(name, Files.readAllBytes(f));
                } else if (!name.startsWith(".") && name.indexOf('.') > 0) {
                    out.put(name.substring(name.indexOf('.') + 1), Files.readAllBytes(f));
                }
            }
        }
        return out;
    }

    /** storescu per batch, carrying on after a refusal; the Store Response status text of each file it sent. */
    private static Map<Path, String> send(List<Sample> samples, int port, String calledAe, Path work)
            throws IOException, InterruptedException {
        Files.createDirectories(work);
        Map<Path, String> outcomes = new LinkedHashMap<>();
        int batchNo = 0;
        for (List<Sample> batch : batches(samples)) {
            Path cfg = work.resolve("batch" + batchNo++ + ".cfg");
            Files.writeString(cfg, config(batch));
            List<String> cmd = new ArrayList<>(List.of("storescu", "-v", "--no-halt", "-aet", "STORESCU", "-aec", calledAe,
                    "--config-file", cfg.toString(), "Batch", "127.0.0.1", Integer.toString(port)));
            batch.forEach(s -> cmd.add(s.path().toString()));
            outcomes.putAll(parse(Dcmtk.run(cmd).output()));
        }
        return outcomes;
    }

    private static List<List<Sample>> batches(List<Sample> samples) {
        List<List<Sample>> batches = new ArrayList<>();
        List<Sample> current = new ArrayList<>();
        Set<List<String>> pairs = new LinkedHashSet<>();
        for (Sample s : samples) {
            List<String> pair = List.of(s.sopClass(), s.transferSyntax());
            if (current.size() == FILES_PER_ASSOCIATION || (!pairs.contains(pair) && pairs.size() == PAIRS_PER_ASSOCIATION)) {
                batches.add(current);
                current = new ArrayList<>();
                pairs.clear();
            }
            current.add(s);
            pairs.add(pair);
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /** A storescu profile with one presentation context per SOP Class / transfer syntax pair of the batch. */
    private static String config(List<Sample> batch) {
        List<String> syntaxes = batch.stream().map(Sample::transferSyntax).distinct().toList();
        StringBuilder cfg = new StringBuilder("[[TransferSyntaxes]]\n");
        for (int i = 0; i < syntaxes.size(); i++) {
            cfg.append("[TS").append(i).append("]\nTransferSyntax1 = ").append(syntaxes.get(i)).append('\n');
        }
        cfg.append("[[PresentationContexts]]\n[PC]\n");
        int n = 1;
        for (List<String> pair : batch.stream().map(s -> List.of(s.sopClass(), s.transferSyntax())).distinct().toList()) {
            cfg.append("PresentationContext").append(n++).append(" = ").append(pair.get(0)).append("\\TS")
                    .append(syntaxes.indexOf(pair.get(1))).append('\n');
        }
        return cfg.append("[[Profiles]]\n[Batch]\nPresentationContexts = PC\n").toString();
    }

    /** Reads "Sending file: X" ... "Received Store Response (status)" pairs. */
    private static Map<Path, String> parse(String log) {
        Map<Path, String> out = new LinkedHashMap<>();
        Path current = null;
        for (String line : log.split("\n")) {
            int at = line.indexOf("Sending file: ");
            if (at >= 0) {
                current = Path.of(line.substring(at + "Sending file: ".length()).strip());
                continue;
            }
            at = line.indexOf("Received Store Response (");
            if (at >= 0 && current != null) {
                out.put(current, line.substring(at + "Received Store Response (".length()));
                current = null;
            }
        }
        return out;
    }

    /** The data set's header (before Pixel Data): the UIDs the command carries. */
    private static Dataset header(Path file) throws IOException {
        try (DicomStreamReader r = DicomStreamReader.open(file, ReadOptions.DEFAULT.withStopBefore(ReadOptions.PIXEL_DATA))) {
            return DatasetBuilder.build(r, new Dataset());
        }
    }
}
