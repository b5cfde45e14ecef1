package org.vesalius.vna.archive.dicomweb;

import java.util.HashSet;
import java.util.Set;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Sequence;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.VR;
import org.vesalius.vna.archive.api.InstanceRef;
import org.vesalius.vna.archive.api.ingest.Coercion;
import org.vesalius.vna.archive.api.ingest.IngestResult;

/**
 * Builds the Store Instances Response Module (PS3.18 Annex I): Retrieve URL of the study,
 * Referenced SOP Sequence (stored instances, with their Retrieve URL and, when coerced, Warning
 * Reason 0xB000 and the Original Attributes Sequence), Failed SOP Sequence (with Failure Reason).
 */
final class StoreInstancesResponse {

    private final String baseUrl;
    private final String requestStudy;
    private final String modifyingSystem;
    private final Dataset body = new Dataset();
    private Sequence referenced;
    private Sequence failed;
    private final Set<String> studies = new HashSet<>();
    private int warnings;
    private boolean otherThanOutOfResources;

    StoreInstancesResponse(String baseUrl, String requestStudy, String modifyingSystem) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.requestStudy = requestStudy;
        this.modifyingSystem = modifyingSystem;
    }

    void add(IngestResult result) {
        switch (result) {
            case IngestResult.Stored s -> addStored(s);
            case IngestResult.Failure f -> addFailed(f.ids().sopClassUid(), f.ids().sopInstanceUid(), StowFailureReasons.of(f));
        }
    }

    /** A part the body broke inside: failed, identity unknown. */
    void addBrokenPart() {
        addFailed("", "", StowFailureReasons.PROCESSING_FAILURE);
    }

    int storedCount() {
        return referenced == null ? 0 : referenced.size();
    }

    /**
     * 200 all stored without warnings, 202 some failed or warned, 409 none stored; 503 (busy, retry
     * later) when none was stored and every part failed for want of resources (A700: storage
     * unavailable, header memory taken), so a client retries instead of giving up.
     */
    int httpStatus() {
        if (storedCount() == 0) {
            return failed != null && !otherThanOutOfResources ? 503 : 409;
        }
        return failed == null && warnings == 0 ? 200 : 202;
    }

    Dataset build() {
        String study = requestStudy != null ? requestStudy : studies.size() == 1 ? studies.iterator().next() : null;
        if (study != null) {
            body.setString(Tags.RetrieveURL, VR.UR, baseUrl + "/studies/" + study);
        }
        return body;
    }

    private void addStored(IngestResult.Stored s) {
        InstanceRef ref = s.instance().ref();
        studies.add(ref.studyInstanceUid());
        if (referenced == null) {
            referenced = body.newSequence(Tags.ReferencedSOPSequence, 8);
        }
        Dataset item = referenced.addItem();
        item.setString(Tags.ReferencedSOPClassUID, VR.UI, s.instance().sopClassUid());
        item.setString(Tags.ReferencedSOPInstanceUID, VR.UI, ref.sopInstanceUid());
        item.setString(Tags.RetrieveURL, VR.UR, baseUrl + "/studies/" + ref.studyInstanceUid() + "/series/"
                + ref.seriesInstanceUid() + "/instances/" + ref.sopInstanceUid());
        if (!s.coercions().isEmpty()) {
            warnings++;
            item.setInt(Tags.WarningReason, VR.US, StowFailureReasons.COERCION_OF_DATA_ELEMENTS);
            Sequence original = item.newSequence(Tags.OriginalAttributesSequence, s.coercions().size());
            for (Coercion c : s.coercions()) {
                original.add(c.originalAttributesItem(s.instance().receivedAt(), modifyingSystem, s.instance().sourceAeTitle()));
            }
        }
    }

    private void addFailed(String sopClass, String sopInstance, int reason) {
        otherThanOutOfResources |= reason != StowFailureReasons.OUT_OF_RESOURCES;
        if (failed == null) {
            failed = body.newSequence(Tags.FailedSOPSequence, 4);
        }
        Dataset item = failed.addItem();
        item.setString(Tags.ReferencedSOPClassUID, VR.UI, sopClass);
        item.setString(Tags.ReferencedSOPInstanceUID, VR.UI, sopInstance);
        item.setInt(Tags.FailureReason, VR.US, reason);
    }
}
