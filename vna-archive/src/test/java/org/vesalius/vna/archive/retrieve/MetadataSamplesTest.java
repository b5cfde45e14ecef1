package org.vesalius.vna.archive.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Fragments;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.json.BulkDataUriBuilder;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.TagPath;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.InstanceRef;

/**
 * Every stored sample: its {@code /metadata} equals the toolkit's DICOM JSON of the whole object
 * read into memory, minus bulk data, with the same bulk data URIs; every URI resolves to the
 * value's bytes (little endian; encapsulated pixel data as its frames); the cached document
 * answers the same the second time.
 */
class MetadataSamplesTest {

    static final String BASE = "http://viewer.example:8443/dicomweb";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static Stream<Path> samples() {
        return Samples.all();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void metadataIsTheJsonOfTheStoredObjectMinusBulkDataAndEveryUriResolves(Path sample) throws Exception {
        Samples.require(sample);
        try (RetrieveFixture f = new RetrieveFixture(dir)) {
            ArchivedInstance stored = f.store(sample);
            assumeTrue(stored != null, "not archived");
            InstanceRef ref = stored.ref();
            Dataset whole = DicomReader.read(sample).dataset();
            String instanceBase = BASE + "/" + MetadataDocument.bulkDataPath(ref);
            String expected = DicomJsonWriter.toJson(whole, WriteOptions.DEFAULT.withBulkData(MetadataDocument.BULK_DATA,
                    BulkDataUriBuilder.under(instanceBase)));

            String first = metadata(f, ref);
            JsonNode array = JSON.readTree(first);

            assertThat(array.size()).isEqualTo(1);
            assertThat(array.get(0)).isEqualTo(JSON.readTree(expected));
            for (String uri : bulkDataUris(array.get(0), new ArrayList<>())) {
                assertThat(uri).startsWith(instanceBase);
                TagPath path = parse(uri.substring(instanceBase.length()));
                BulkDataValue value = f.retrieve.bulkData(ref, path).orElseThrow(() -> new AssertionError("no value at " + uri));
                assertThat(served(value)).as(uri).isEqualTo(expectedBytes(whole, path));
            }

            f.retrieve.awaitCacheWrites();
            assertThat(f.ingest.blobs.stat(MetadataCache.keyFor(ref))).isPresent();
            assertThat(metadata(f, ref)).isEqualTo(first);
            assertThat(metadata(f, new InstanceRef(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid())))
                    .isEqualTo(first);
        }
    }

    static String metadata(RetrieveFixture f, InstanceRef ref) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        f.retrieve.metadata(ref.studyInstanceUid(), ref.seriesInstanceUid(), ref.sopInstanceUid()).writeJson(out, BASE);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    static List<String> bulkDataUris(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("BulkDataURI")) {
                    out.add(e.getValue().asText());
                } else {
                    bulkDataUris(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> bulkDataUris(n, out));
        }
        return out;
    }

    static TagPath parse(String text) {
        String[] steps = text.split("/");
        TagPath p = TagPath.of(Integer.parseUnsignedInt(steps[0], 16));
        for (int i = 1; i < steps.length; i += 2) {
            p = p.child(Integer.parseInt(steps[i]), Integer.parseUnsignedInt(steps[i + 1], 16));
        }
        return p;
    }

    /** What WADO serves for a value: its bytes, or for encapsulated pixel data its frames one after the other. */
    static byte[] served(BulkDataValue value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (value.pixelData() != null) {
            for (int i = 1; i <= value.pixelData().numberOfFrames(); i++) {
                try (InputStream in = value.pixelData().openFrame(i)) {
                    in.transferTo(out);
                }
            }
        } else {
            try (InputStream in = value.open()) {
                in.transferTo(out);
            }
        }
        return out.toByteArray();
    }

    /** The value at {@code path} in the in-memory data set (little endian); fragments without the offset table, concatenated. */
    static byte[] expectedBytes(Dataset ds, TagPath path) {
        Dataset at = ds;
        for (int level = 0; level < path.depth(); level++) {
            Sequence seq = at.getSequence(path.tagAt(level));
            at = seq.get(path.itemIndexAt(level));
        }
        Object v = at.getValue(path.tag());
        if (v instanceof Fragments frags) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 1; i < frags.size(); i++) {
                out.writeBytes((byte[]) frags.get(i));
            }
            return out.toByteArray();
        }
        return v == null ? new byte[0] : (byte[]) v;
    }
}
