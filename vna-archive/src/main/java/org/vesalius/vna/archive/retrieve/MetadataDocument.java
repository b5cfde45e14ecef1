package org.vesalius.vna.archive.retrieve;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.vesalius.dicom.data.BulkDataRef;
import org.vesalius.dicom.io.BulkDataDescriptor;
import org.vesalius.dicom.io.DicomStreamReader;
import org.vesalius.dicom.io.ReadOptions;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.vna.archive.api.InstanceRef;

/**
 * One instance's WADO-RS metadata (PS3.18 10.4.1.2): the DICOM JSON of the served data set,
 * every attribute but bulk data, which becomes a {@code BulkDataURI} to the instance's
 * {@code bulkdata/{tag path}} resource. The document is held with those URIs relative to the
 * DICOMweb base ({@code studies/…/instances/…/bulkdata/7FE00010}) and the byte offset of each,
 * so that one computed document serves every host name a client uses: the base is inserted as
 * the document is written out.
 */
final class MetadataDocument {

    /**
     * What a metadata response leaves out: the PS3.18 bulk data attributes (Pixel Data, overlays,
     * waveforms, Encapsulated Document, ...) and any binary value over 1 KiB, as the index does.
     */
    static final BulkDataDescriptor BULK_DATA = BulkDataDescriptor.STANDARD.or(BulkDataDescriptor.binaryLongerThan(1024));

    private static final JsonFactory JSON = new JsonFactory();

    /** The JSON object, bulk data URIs relative. */
    final byte[] json;
    /** Where each relative URI starts in {@link #json} (the first byte inside its quotes). */
    final int[] uris;

    MetadataDocument(byte[] json, int[] uris) {
        this.json = json;
        this.uris = uris;
    }

    /** The URI of a value of {@code ref}, relative to the DICOMweb base. */
    static String bulkDataPath(InstanceRef ref) {
        return "studies/" + ref.studyInstanceUid() + "/series/" + ref.seriesInstanceUid() + "/instances/"
                + ref.sopInstanceUid() + "/bulkdata/";
    }

    /** Reads the served data set of {@code instance} to its end (bulk values skipped, never loaded). */
    static MetadataDocument of(RetrievableInstance instance) throws IOException {
        String prefix = bulkDataPath(instance.ref());
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (InputStream in = instance.openDataSetForReading();
                JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            DicomStreamReader reader = DicomStreamReader.forDataset(in, instance.readSyntax(),
                    ReadOptions.DEFAULT.withBulkData(BULK_DATA, (v, value) -> new BulkDataRef("stored", v.offset(), v.length())));
            new DicomJsonWriter(g, WriteOptions.DEFAULT.withBulkData(BULK_DATA, (path, location) -> prefix + path)).write(reader);
        }
        byte[] json = out.toByteArray();
        return new MetadataDocument(json, uriOffsets(json));
    }

    /** Writes the document with {@code base} (the absolute DICOMweb base URL, JSON-escaped, ending in "/") before each URI. */
    void writeTo(OutputStream out, byte[] base) throws IOException {
        int at = 0;
        for (int u : uris) {
            out.write(json, at, u - at);
            out.write(base);
            at = u;
        }
        out.write(json, at, json.length - at);
    }

    /** {@code baseUrl} + "/" as bytes fit to go inside a JSON string. */
    static byte[] jsonBase(String baseUrl) {
        String b = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
        return JsonStringEncoder.getInstance().quoteAsUTF8(b);
    }

    /** The offsets of the values of every {@code BulkDataURI} member. */
    private static int[] uriOffsets(byte[] json) throws IOException {
        int[] found = new int[4];
        int n = 0;
        try (JsonParser p = JSON.createParser(json)) {
            JsonToken t;
            boolean next = false;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    next = "BulkDataURI".equals(p.currentName());
                } else if (t == JsonToken.VALUE_STRING && next) {
                    if (n == found.length) {
                        found = Arrays.copyOf(found, n * 2);
                    }
                    found[n++] = (int) p.currentTokenLocation().getByteOffset() + 1; // after the quote
                    next = false;
                } else {
                    next = false;
                }
            }
        }
        return Arrays.copyOf(found, n);
    }
}
