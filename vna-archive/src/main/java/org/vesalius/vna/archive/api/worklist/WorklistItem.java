package org.vesalius.vna.archive.api.worklist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.json.DicomJsonReader;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.vna.archive.api.PatientId;

/**
 * One order as the worklist holds it: a requested procedure with its one scheduled procedure
 * step, as the Modality Worklist attributes (PS3.4 K.6.1.2.2) in {@code attributes} (character set
 * ISO_IR 192), its status, and where it came from.
 *
 * @param id         the item's id: {@link #idOf(String, String)} of the placer order number, so that
 *                   every message about one order names the same item; also its FHIR ServiceRequest id
 * @param status     where the order stands (also in the step's Scheduled Procedure Step Status)
 * @param attributes the worklist attributes: patient, accession, requested procedure, and the
 *                   Scheduled Procedure Step Sequence with one item
 * @param updatedAt  when it was last changed
 * @param source     what changed it last (e.g. {@code HL7 ORM^O01 from RIS MSH-10 123})
 */
public record WorklistItem(String id, OrderStatus status, Dataset attributes, Instant updatedAt, String source) {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    public WorklistItem {
        Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("worklist item id must be 1-64 letters, digits, '-' or '.': " + id);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(updatedAt, "updatedAt");
        source = source == null ? "" : source;
        Sequence steps = attributes.getSequence(Tags.ScheduledProcedureStepSequence);
        if (steps == null || steps.size() != 1) {
            throw new IllegalArgumentException("a worklist item has exactly one Scheduled Procedure Step Sequence item");
        }
    }

    /**
     * The id of the order {@code placerOrderNumber} of {@code namespace} (the placer's authority):
     * a name-based UUID, the same for every message about the order.
     */
    public static String idOf(String namespace, String placerOrderNumber) {
        return UUID.nameUUIDFromBytes(("order\u0000" + namespace + "\u0000" + placerOrderNumber).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** The patient: Patient ID and Issuer of Patient ID. */
    public PatientId patient() {
        return new PatientId(text(attributes, Tags.PatientID), text(attributes, Tags.IssuerOfPatientID));
    }

    /** The Accession Number, or "". */
    public String accessionNumber() {
        return text(attributes, Tags.AccessionNumber);
    }

    /** The Study Instance UID the study of this order will have, or "". */
    public String studyInstanceUid() {
        return text(attributes, Tags.StudyInstanceUID);
    }

    /** The scheduled procedure step (the one item of the Scheduled Procedure Step Sequence). */
    public Dataset step() {
        return attributes.getSequence(Tags.ScheduledProcedureStepSequence).get(0);
    }

    /** This item with another status, changed at {@code at} by {@code by}; its attributes are copied. */
    public WorklistItem withStatus(OrderStatus newStatus, Instant at, String by) {
        Dataset copy = copy(attributes);
        copy.getSequence(Tags.ScheduledProcedureStepSequence).get(0).setString(Tags.ScheduledProcedureStepStatus, VR.CS,
                newStatus.dicom());
        return new WorklistItem(id, newStatus, copy, at, by);
    }

    /** A deep copy of {@code dataset} (through DICOM JSON: items and character set included). */
    public static Dataset copy(Dataset dataset) {
        try {
            return new DicomJsonReader().read(DicomJsonWriter.toJson(dataset, WriteOptions.DEFAULT));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // our own JSON
        }
    }

    private static String text(Dataset ds, int tag) {
        String s = ds.getString(tag);
        return s == null ? "" : s.strip();
    }
}
