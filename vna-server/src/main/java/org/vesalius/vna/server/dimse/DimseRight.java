package org.vesalius.vna.server.dimse;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.net.ul.AssociationPolicy.RequestorRole;
import org.vesalius.vna.server.security.Role;

/** What a calling AE may do on the listener ({@code vna.dicom.access.<AE>.rights}). */
public enum DimseRight {
    /** C-ECHO (Verification). */
    ECHO,
    /** C-STORE into the archive. */
    STORE,
    /** C-FIND (Patient Root and Study Root). */
    FIND,
    /** Modality Worklist C-FIND: what a modality needs to be told its scheduled steps. */
    WORKLIST,
    /** C-MOVE, to the configured destinations only. */
    MOVE,
    /** C-GET, including receiving its C-STORE sub-operations. */
    GET;

    private static final Set<String> FIND_MODELS = Set.of(UID.PatientRootQueryRetrieveInformationModelFind,
            UID.StudyRootQueryRetrieveInformationModelFind);
    private static final Set<String> MOVE_MODELS = Set.of(UID.PatientRootQueryRetrieveInformationModelMove,
            UID.StudyRootQueryRetrieveInformationModelMove);
    private static final Set<String> GET_MODELS = Set.of(UID.PatientRootQueryRetrieveInformationModelGet,
            UID.StudyRootQueryRetrieveInformationModelGet);

    /**
     * The right a presentation context needs. A context where the requestor performs (takes the
     * SCP role) only serves to receive the C-STOREs of its C-GET; any other SOP Class the listener
     * accepts is a storage one.
     */
    static DimseRight neededFor(String abstractSyntax, RequestorRole role) {
        if (role == RequestorRole.SCP) {
            return GET;
        }
        if (UID.Verification.equals(abstractSyntax)) {
            return ECHO;
        }
        if (FIND_MODELS.contains(abstractSyntax)) {
            return FIND;
        }
        if (UID.ModalityWorklistInformationModelFind.equals(abstractSyntax)) {
            return WORKLIST;
        }
        if (MOVE_MODELS.contains(abstractSyntax)) {
            return MOVE;
        }
        return GET_MODELS.contains(abstractSyntax) ? GET : STORE;
    }

    /**
     * What a user with these roles may do on DIMSE (User Identity negotiation), following the
     * HTTP role table (vna-server/README.md, "Security"): {@code admin} everything; {@code reader}
     * echo, find, worklist, move and get (it reads every study); {@code ingest} (a modality) echo,
     * store and worklist; {@code migration-operator} echo and store; {@code referrer} nothing (DIMSE has no patient-scoped reads), {@code hl7-feed}
     * and {@code auditor} nothing.
     */
    static Set<DimseRight> ofRoles(Collection<Role> roles) {
        Set<DimseRight> rights = EnumSet.noneOf(DimseRight.class);
        for (Role role : roles) {
            switch (role) {
                case ADMIN -> rights.addAll(EnumSet.allOf(DimseRight.class));
                case READER -> rights.addAll(EnumSet.of(ECHO, FIND, WORKLIST, MOVE, GET));
                case INGEST -> rights.addAll(EnumSet.of(ECHO, STORE, WORKLIST));
                case MIGRATION_OPERATOR -> rights.addAll(EnumSet.of(ECHO, STORE));
                case REFERRER, HL7_FEED, AUDITOR -> { }
            }
        }
        return rights;
    }
}
