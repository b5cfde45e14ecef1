package org.vesalius.dicom.net.service;

import java.util.Objects;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.net.dimse.CommandSet.Priority;
import org.vesalius.dicom.net.ul.PresentationContext;

/**
 * A C-FIND request as a {@link CFindHandler} sees it.
 *
 * @param association         who asked
 * @param presentationContext the context it came on
 * @param messageId           the request's Message ID
 * @param sopClassUid         the information model: Patient Root or Study Root Query/Retrieve
 *                            FIND, Modality Worklist FIND, ...
 * @param priority            the requested priority
 * @param identifier          the query keys (matching and return keys), as received
 */
public record FindRequest(AssociationInfo association, PresentationContext presentationContext, int messageId,
        String sopClassUid, Priority priority, Dataset identifier) {

    public FindRequest {
        Objects.requireNonNull(association, "association");
        Objects.requireNonNull(presentationContext, "presentationContext");
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(identifier, "identifier");
    }

    /** (0008,0052) Query/Retrieve Level (PATIENT, STUDY, SERIES, IMAGE), or null when absent (worklists). */
    public String queryRetrieveLevel() {
        return identifier.getString(Tags.QueryRetrieveLevel);
    }
}
