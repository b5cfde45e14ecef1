package org.vesalius.vna.archive.index.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Optional;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.DicomDateTime;
import org.vesalius.dicom.data.ElementDictionary;
import org.vesalius.dicom.data.PersonName;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.io.BulkDataDescriptor;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.vna.archive.api.ArchivedInstance;
import org.vesalius.vna.archive.api.query.PersonNames;
import org.vesalius.vna.archive.api.query.QueryAttribute;
import org.vesalius.vna.archive.api.query.QueryAttributes;

/**
 * Builds the one document the index holds per instance: its matchable attributes and those of
 * its series, study and patient as fields, and the whole header (bulk data left out) as DICOM
 * JSON in {@code vna.dataset}, which is stored but not indexed, so results need no blob read.
 */
final class InstanceDocuments {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BULK_MARK = "vna:bulk";
    private static final WriteOptions STORED = WriteOptions.DEFAULT.withBulkData(
            BulkDataDescriptor.STANDARD.or(BulkDataDescriptor.binaryLongerThan(1024)), (path, location) -> BULK_MARK);

    private InstanceDocuments() {
    }

    /** The document of {@code instance}; its id is the SOP Instance UID. */
    static ObjectNode of(ArchivedInstance instance) {
        Dataset header = instance.header();
        ObjectNode doc = JSON.createObjectNode();
        for (QueryAttribute a : QueryAttributes.all()) {
            if (a.matchable() && a.matchedVia() == a.tag()) {
                put(doc, a, header);
            }
        }
        // Identity and hierarchy come from the archive's record (after coercion), not the header.
        doc.putArray("PatientID").add(instance.patient().id());
        doc.remove("IssuerOfPatientID");
        if (instance.patient().hasIssuer()) {
            doc.putArray("IssuerOfPatientID").add(instance.patient().issuer());
        }
        doc.putArray("StudyInstanceUID").add(instance.ref().studyInstanceUid());
        doc.putArray("SeriesInstanceUID").add(instance.ref().seriesInstanceUid());
        doc.putArray("SOPInstanceUID").add(instance.ref().sopInstanceUid());
        doc.putArray("SOPClassUID").add(instance.sopClassUid());

        ObjectNode vna = doc.putObject("vna");
        vna.put("level", "INSTANCE");
        vna.put("patientKey", Fields.patientKey(instance.patient().id(), instance.patient().issuer()));
        vna.put("receivedAt", instance.receivedAt().toEpochMilli());
        vna.put("sourceAeTitle", instance.sourceAeTitle());
        vna.put("transferSyntaxUid", instance.transferSyntaxUid());
        vna.put("blobKey", instance.blob().key());
        vna.put("size", instance.blob().size());
        if (instance.blob().sha256Hex() != null) {
            vna.put("sha256", instance.blob().sha256Hex());
        }
        vna.set("dataset", storedDataset(instance));
        ObjectNode dt = vna.putObject("dt");
        ElementDictionary dictionary = ElementDictionary.standard();
        for (int[] pair : QueryAttributes.dateTimePairs()) {
            Optional<LocalDate> date = header.getDate(pair[0]);
            if (date.isPresent()) {
                Optional<LocalTime> time = header.getTime(pair[1]);
                ObjectNode bounds = dt.putObject(dictionary.keywordOf(pair[0]));
                bounds.put("min", Encodings.dateTime(date.get().atTime(time.orElse(LocalTime.MIN))));
                bounds.put("max", Encodings.dateTime(date.get().atTime(time.orElse(LocalTime.MAX))));
            }
        }
        return doc;
    }

    /** Sets the field of {@code a} in {@code doc} from its value in {@code ds} (none when absent or empty). */
    static void put(ObjectNode doc, QueryAttribute a, Dataset ds) {
        if (!ds.contains(a.tag())) {
            return;
        }
        switch (a.kind()) {
            case TEXT, UID -> strings(ds, a.tag()).ifPresent(v -> doc.set(a.keyword(), v));
            case INTEGER -> {
                ArrayNode out = JSON.createArrayNode();
                for (String s : values(ds, a.tag())) {
                    parseLong(s).ifPresent(out::add);
                }
                setIfAny(doc, a.keyword(), out);
            }
            case DATE -> {
                ArrayNode out = JSON.createArrayNode();
                for (String s : values(ds, a.tag())) {
                    DicomDateTime.parseDate(s).ifPresent(d -> out.add(Encodings.date(d)));
                }
                setIfAny(doc, a.keyword(), out);
            }
            case TIME -> {
                ArrayNode out = JSON.createArrayNode();
                for (String s : values(ds, a.tag())) {
                    DicomDateTime.parseTime(s).ifPresent(t -> out.add(Encodings.time(t)));
                }
                setIfAny(doc, a.keyword(), out);
            }
            case DATE_TIME -> {
                ArrayNode out = JSON.createArrayNode();
                for (String s : values(ds, a.tag())) {
                    DicomDateTime.parseDateTime(s, ZoneOffset.UTC)
                            .ifPresent(t -> out.add(Encodings.dateTime(t.toLocalDateTime())));
                }
                setIfAny(doc, a.keyword(), out);
            }
            case PERSON_NAME -> personName(ds, a.tag()).ifPresent(pn -> doc.set(a.keyword(), pn));
            case SEQUENCE -> {
                Sequence seq = ds.getSequence(a.tag());
                if (seq == null || seq.isEmpty()) {
                    return;
                }
                ArrayNode items = JSON.createArrayNode();
                for (Dataset item : seq) {
                    ObjectNode itemDoc = JSON.createObjectNode();
                    for (QueryAttribute ia : a.items()) {
                        put(itemDoc, ia, item);
                    }
                    items.add(itemDoc);
                }
                doc.set(a.keyword(), items);
            }
            case NONE -> {
            }
        }
    }

    private static Optional<ArrayNode> strings(Dataset ds, int tag) {
        ArrayNode out = JSON.createArrayNode();
        for (String s : values(ds, tag)) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private static Optional<ObjectNode> personName(Dataset ds, int tag) {
        ObjectNode pn = JSON.createObjectNode();
        ArrayNode[] groups = {pn.putArray("a"), pn.putArray("i"), pn.putArray("p")};
        ArrayNode any = pn.putArray(Fields.PN_ANY);
        for (String s : values(ds, tag)) {
            String[] folded = PersonNames.normalizedGroups(PersonName.parse(s));
            for (int g = 0; g < 3; g++) {
                if (!folded[g].isEmpty()) {
                    groups[g].add(folded[g]);
                    any.add(folded[g]);
                }
            }
        }
        return any.isEmpty() ? Optional.empty() : Optional.of(pn);
    }

    private static String[] values(Dataset ds, int tag) {
        String[] values = ds.getStrings(tag);
        return values == null ? new String[0] : values;
    }

    private static void setIfAny(ObjectNode doc, String field, ArrayNode values) {
        if (!values.isEmpty()) {
            doc.set(field, values);
        }
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s.startsWith("+") ? s.substring(1) : s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The header as DICOM JSON without bulk data, with the archive's patient identity. */
    private static ObjectNode storedDataset(ArchivedInstance instance) {
        ObjectNode json;
        try {
            json = (ObjectNode) JSON.readTree(DicomJsonWriter.toJson(instance.header(), STORED));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dropBulk(json);
        json.remove("00020000");
        setString(json, Tags.PatientID, VR.LO, instance.patient().id());
        if (instance.patient().hasIssuer()) {
            setString(json, Tags.IssuerOfPatientID, VR.LO, instance.patient().issuer());
        }
        return json;
    }

    private static void setString(ObjectNode json, int tag, VR vr, String value) {
        ObjectNode element = json.putObject(org.vesalius.dicom.data.Tag.toHexString(tag));
        element.put("vr", vr.name());
        if (!value.isEmpty()) {
            element.putArray("Value").add(value);
        }
    }

    /** Removes the elements the writer left out as bulk data, at every depth. */
    private static void dropBulk(ObjectNode json) {
        Iterator<java.util.Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = json.properties().iterator();
        while (it.hasNext()) {
            var e = it.next();
            var element = e.getValue();
            if (element.has("BulkDataURI")) {
                it.remove();
            } else if (element.has("Value") && "SQ".equals(element.path("vr").asText())) {
                for (var item : element.get("Value")) {
                    if (item instanceof ObjectNode o) {
                        dropBulk(o);
                    }
                }
            }
        }
    }
}
