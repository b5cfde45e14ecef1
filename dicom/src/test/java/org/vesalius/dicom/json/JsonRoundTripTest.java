package org.vesalius.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.io.DicomFile;
import org.vesalius.dicom.io.DicomReader;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.MalformedDicomException;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.testdata.NotDicom;
import org.vesalius.testsupport.samples.SharedSamples;
import org.vesalius.testsupport.samples.SharedSamples.Sample;

/**
 * For every sample: JSON → Dataset → JSON gives the same JSON, and writing from the parser's
 * tokens gives exactly what writing from the tree gives.
 */
class JsonRoundTripTest {

    static Stream<Sample> samples() {
        return SharedSamples.arguments();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void jsonToDatasetToJsonIsStable(Sample sample) throws Exception {
        Dataset dataset = readable(sample).dataset();
        String json = DicomJsonWriter.toJson(dataset, WriteOptions.DEFAULT);

        Dataset again = new DicomJsonReader().read(json);

        assertThat(DicomJsonWriter.toJson(again, WriteOptions.DEFAULT)).isEqualTo(json);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void streamingGivesTheSameJsonAsTheTree(Sample sample) throws Exception {
        Dataset dataset = readable(sample).dataset();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DicomStreamReader reader = DicomStreamReader.open(sample.path(), ReadOptions.DEFAULT);
                JsonGenerator gen = new JsonFactory().createGenerator(out)) {
            new DicomJsonWriter(gen, WriteOptions.DEFAULT).write(reader);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(DicomJsonWriter.toJson(dataset, WriteOptions.DEFAULT));
    }

    @Test
    void pydicomJsonExamplesParse() throws Exception {
        Path dir = SharedSamples.require("pydicom/test_files");
        Dataset test1 = read(dir.resolve("test1.json"));
        assertThat(test1.getString(0x00080060)).isEqualTo("MR");
        assertThat(test1.getStrings(0x00181310)).containsExactly("128", "0", "0", "32"); // a null dropped
        Dataset pn = read(dir.resolve("test_PN.json"));
        assertThat(pn.getString(0x00100010)).isEqualTo("Prostate^Volunteer");
        assertThat(pn.getSequence(0x04000561)).hasSize(1);
    }

    private static Dataset read(Path json) throws Exception {
        try (InputStream in = Files.newInputStream(json)) {
            return new DicomJsonReader().read(in);
        }
    }

    private static DicomFile readable(Sample sample) throws Exception {
        SharedSamples.require(sample);
        assumeFalse(NotDicom.contains(sample), "not DICOM");
        try {
            return DicomReader.read(sample.path());
        } catch (MalformedDicomException e) {
            assumeFalse(true, "unreadable: " + e.getMessage());
            throw e;
        }
    }
}
