package org.vesalius.dicom.net.service;

import java.util.Objects;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.net.dimse.CommandSet.Priority;
import org.vesalius.dicom.net.ul.PresentationContext;

/**
 * A C-MOVE or C-GET request as a {@link CMoveHandler} or {@link CGetHandler} sees it.
 *
 * @param association         who asked
 * @param presentationContext the context it came on
 * @param messageId           the request's Message ID
 * @param sopClassUid         the information model, e.g. Study Root Query/Retrieve MOVE or GET
 * @param priority            the requested priority
 * @param identifier          the keys of what to retrieve (Query/Retrieve Level and unique keys)
 * @param moveDestination     the C-MOVE destination AE title (already resolved: it is known); null for C-GET
 */
public record RetrieveRequest(AssociationInfo association, PresentationContext presentationContext, int messageId,
        String sopClassUid, Priority priority, Dataset identifier, String moveDestination) {

    public RetrieveRequest {
        Objects.requireNonNull(association, "association");
        Objects.requireNonNull(presentationContext, "presentationContext");
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(identifier, "identifier");
    }

    /** (0008,0052) Query/Retrieve Level: PATIENT, STUDY, SERIES or IMAGE; null when absent. */
    public String queryRetrieveLevel() {
        return identifier.getString(Tags.QueryRetrieveLevel);
    }

    /** True for C-MOVE, false for C-GET. */
    public boolean isMove() {
        return moveDestination != null;
    }
}
