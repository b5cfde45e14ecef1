package org.vesalius.vna.server.durability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.tool.synthetic.SyntheticManifest.Entry;

/**
 * Looks at a filesystem blob store root the way a user who walks away with the tree would: every
 * visible object must be whole. Instances parse to their end and carry the SOP Instance UID of
 * their name; queue markers, coercion records and cached WADO-RS metadata documents are JSON;
 * every digest file belongs to an object and holds that object's SHA-256; nothing but the lock,
 * the staging directory and digest files is hidden. Objects may lack a digest file (the one window
 * of a put, documented in vna-archive/README.md), and {@code .staging} may hold content being
 * written while the store is not open (right after a crash; opening the store clears it).
 */
final class BlobStoreAudit {

    /** What the walk found. */
    record Report(int instances, int objectsWithoutDigest, int queued, int staged, List<String> problems) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private BlobStoreAudit() {
    }

    static Report of(Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        int instances = 0;
        int withoutDigest = 0;
        int queued = 0;
        int staged = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String relative = root.relativize(file).toString();
            String name = file.getFileName().toString();
            if (relative.equals(".vesalius-blobstore.lock")) {
                continue;
            }
            if (relative.startsWith(".staging/")) {
                staged++;
                continue;
            }
            if (name.startsWith(".")) {
                checkDigest(file, relative, problems);
                continue;
            }
            if (!Files.exists(file.resolveSibling("." + name + ".sha256"))) {
                withoutDigest++;
            }
            try {
                if (relative.startsWith("studies/") && name.endsWith(".dcm")) {
                    instances++;
                    DicomFile dicom = DicomReader.read(file);
                    String sop = dicom.dataset().getString(Tags.SOPInstanceUID);
                    if (!name.equals(sop + ".dcm") && !name.startsWith(sop + ".v")) {
                        problems.add(relative + ": holds SOP Instance UID " + sop);
                    }
                } else if (relative.startsWith("studies/")
                        && (name.endsWith(".coercions.json") || name.endsWith(".metadata.json"))
                        || relative.startsWith("index-refused/") && name.endsWith(".json")) {
                    JSON.readTree(file.toFile());
                } else if (relative.startsWith("index-queue/") && name.endsWith(".json")) {
                    JsonNode marker = JSON.readTree(file.toFile());
                    if (!marker.hasNonNull("sop")) {
                        problems.add(relative + ": a queue marker without \"sop\"");
                    }
                    queued++;
                } else if (!relative.startsWith("health/")) {
                    problems.add(relative + ": not an object of the archive's layout");
                }
            } catch (java.nio.file.NoSuchFileException gone) {
                // Deleted while we looked (a queue marker the catch-up had indexed): not a problem.
            } catch (IOException | RuntimeException e) {
                problems.add(relative + ": not whole: " + e);
            }
        }
        return new Report(instances, withoutDigest, queued, staged, problems);
    }

    /**
     * Problems with instances the archive acknowledged: each must be under its key with its digest
     * file, and its data set must be the bytes that were sent (the File Meta is the archive's own).
     */
    static List<String> acknowledgedProblems(Path root, Path dataSet, Collection<Entry> acknowledged) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Entry e : acknowledged) {
            Path stored = root.resolve("studies").resolve(e.studyInstanceUid()).resolve("series")
                    .resolve(e.seriesInstanceUid()).resolve("instances").resolve(e.sopInstanceUid() + ".dcm");
            if (!Files.isRegularFile(stored)) {
                problems.add(e.file() + " (" + e.sopInstanceUid() + "): acknowledged, but not in the blob store");
                continue;
            }
            Path digest = stored.resolveSibling("." + stored.getFileName() + ".sha256");
            if (!Files.isRegularFile(digest)
                    || !Files.readString(digest).startsWith(sha256(stored) + "  ")) {
                problems.add(e.file() + ": acknowledged, but its digest file is missing or wrong");
            }
            byte[] sent = Files.readAllBytes(dataSet.resolve(e.file()));
            byte[] kept = Files.readAllBytes(stored);
            if (!Arrays.equals(sent, Part10Bytes.dataSetOffset(sent), sent.length,
                    kept, Part10Bytes.dataSetOffset(kept), kept.length)) {
                problems.add(e.file() + ": the stored data set differs from the one sent");
            }
        }
        return problems;
    }

    /** The SHA-256 of {@code file}, lower-case hex. */
    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkDigest(Path digestFile, String relative, List<String> problems) throws IOException {
        String name = digestFile.getFileName().toString();
        if (!name.endsWith(".sha256")) {
            problems.add(relative + ": an unexpected hidden file");
            return;
        }
        String objectName = name.substring(1, name.length() - ".sha256".length());
        Path object = digestFile.resolveSibling(objectName);
        if (!Files.isRegularFile(object)) {
            problems.add(relative + ": a digest without its object");
            return;
        }
        String expected = sha256(object) + "  " + objectName + "\n";
        if (!Files.readString(digestFile).equals(expected)) {
            problems.add(relative + ": does not hold the SHA-256 of " + objectName);
        }
    }
}
