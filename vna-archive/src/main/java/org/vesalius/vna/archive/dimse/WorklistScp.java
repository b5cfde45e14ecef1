package org.vesalius.vna.archive.dimse;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tag;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.data.VR;
import org.vesalius.dicom.json.DicomJsonWriter;
import org.vesalius.dicom.json.WriteOptions;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.service.CFindHandler;
import org.vesalius.dicom.net.service.DicomServiceException;
import org.vesalius.dicom.net.service.FindRequest;
import org.vesalius.vna.archive.api.audit.AuditEvent;
import org.vesalius.vna.archive.api.audit.AuditPort;
import org.vesalius.vna.archive.api.failure.ArchiveException;
import org.vesalius.vna.archive.api.failure.InvalidRequestException;
import org.vesalius.vna.archive.api.worklist.WorklistItem;
import org.vesalius.vna.archive.api.worklist.WorklistPort;
import org.vesalius.vna.archive.api.worklist.WorklistQueryParser;

/**
 * The Modality Worklist C-FIND SCP (Modality Worklist Information Model – FIND, PS3.4 K): the
 * identifier becomes a {@link org.vesalius.vna.archive.api.worklist.WorklistQuery} and each item
 * found is answered with the identifier's keys, valued from the item (a sequence key with an
 * empty item gets the whole sequence; a key the item lacks comes back empty), in UTF-8 (ISO_IR
 * 192). At most {@value #MAX_MATCHES} matches per query. Every query is audited as the other
 * C-FINDs are.
 */
public final class WorklistScp implements CFindHandler {

    /** The most items one C-FIND answers. */
    public static final int MAX_MATCHES = 1000;

    private final WorklistPort worklist;
    private final AuditPort audit;

    public WorklistScp(WorklistPort worklist, AuditPort audit) {
        this.worklist = Objects.requireNonNull(worklist, "worklist");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public Stream<Dataset> find(FindRequest request) {
        if (!UID.ModalityWorklistInformationModelFind.equals(request.sopClassUid())) {
            throw new DicomServiceException(DicomStatus.SOP_CLASS_NOT_SUPPORTED, "no worklist C-FIND for " + request.sopClassUid());
        }
        try {
            List<WorklistItem> items = worklist.find(WorklistQueryParser.parse(request.identifier(), MAX_MATCHES));
            audit(request, AuditEvent.Outcome.SUCCESS, null);
            return items.stream().map(item -> answer(request.identifier(), item.attributes()));
        } catch (ArchiveException e) {
            audit(request, e instanceof InvalidRequestException
                    ? AuditEvent.Outcome.MINOR_FAILURE : AuditEvent.Outcome.SERIOUS_FAILURE, e.getMessage());
            throw DimseFailures.of(e, DimseFailures.Service.FIND);
        }
    }

    /** The keys of {@code keys} with the values of {@code item} (PS3.4 C.4.1.1.3.2: every key asked is returned). */
    static Dataset answer(Dataset keys, Dataset item) {
        Dataset answer = new Dataset(keys.size() + 1);
        answer.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, "ISO_IR 192");
        select(keys, item, answer);
        return answer;
    }

    private static void select(Dataset keys, Dataset from, Dataset into) {
        for (int i = 0; i < keys.size(); i++) {
            int tag = keys.tagAt(i);
            if (tag == Tag.SPECIFIC_CHARACTER_SET || Tag.element(tag) == 0) {
                continue;
            }
            int at = from.indexOf(tag);
            if (keys.vrAt(i) == VR.SQ) {
                Sequence asked = keys.getSequence(tag);
                Sequence held = at >= 0 ? from.getSequence(tag) : null;
                Sequence out = into.newSequence(tag, held == null ? 0 : held.size());
                if (held != null) {
                    for (Dataset heldItem : held) {
                        Dataset outItem = out.addItem();
                        if (asked == null || asked.isEmpty() || asked.get(0).isEmpty()) {
                            select(heldItem, heldItem, outItem); // universal: the whole item
                        } else {
                            select(asked.get(0), heldItem, outItem);
                        }
                    }
                }
            } else if (at >= 0 && from.vrAt(at).isText() && from.getText(tag) != null) {
                into.setString(tag, from.vrAt(at), from.getText(tag)); // decoded and encoded again: the answer is UTF-8
            } else if (at >= 0 && from.vrAt(at) != VR.SQ) {
                into.set(tag, from.vrAt(at), from.valueAt(at));
            } else {
                into.set(tag, keys.vrAt(i), null);
            }
        }
    }

    private void audit(FindRequest request, AuditEvent.Outcome outcome, String detail) {
        if (audit == AuditPort.NONE) {
            return;
        }
        Dataset identifier = request.identifier();
        audit.record(new AuditEvent(AuditEvent.Action.QUERY, "C-FIND MWL", DimseAudit.actor(request.association()),
                List.of(), null, DicomJsonWriter.toJson(identifier, WriteOptions.DEFAULT), outcome, detail, Instant.now()));
    }
}
