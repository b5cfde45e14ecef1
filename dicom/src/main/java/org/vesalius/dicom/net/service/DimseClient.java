package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Objects;
import org.vesalius.dicom.data.Dataset;
import org.vesalius.dicom.data.Tags;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.io.DicomWriter;
import org.vesalius.dicom.io.EncodingOptions;
import org.vesalius.dicom.io.TransferSyntax;
import org.vesalius.dicom.net.dimse.CommandField;
import org.vesalius.dicom.net.dimse.CommandSet;
import org.vesalius.dicom.net.dimse.CommandSet.Priority;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DataWriter;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.dicom.net.ul.PresentationContext;

/**
 * The SCU side of the DIMSE-C services: C-ECHO, C-STORE, C-FIND, C-MOVE and C-GET on associations
 * it opens. Immutable and thread-safe; one instance serves any number of associations.
 *
 * <pre>{@code
 * DimseClient scu = DimseClient.of(DicomClient.builder().build());
 * AssociationRequest rq = AssociationRequest.builder("VESALIUS", "PACS")
 *         .propose(UID.Verification, UID.ImplicitVRLittleEndian)
 *         .propose(UID.CTImageStorage, UID.ExplicitVRLittleEndian)
 *         .build();
 * try (Association as = scu.connect("pacs", 104, rq)) {
 *     scu.echo(as);
 *     DimseResponse r = scu.store(as, Path.of("ct.dcm"));   // streamed from the file
 * }
 * }</pre>
 *
 * <p>Operations block the calling thread until the final response (or, for C-FIND, return a lazy
 * cursor). Each wait is bounded by {@link DimseOptions}; a timeout aborts the association, since a
 * late response could otherwise be taken for the answer to a later request. Responses are matched
 * to requests by Message ID, so several threads may use one association when the negotiated
 * asynchronous operations window allows it.
 */
public final class DimseClient {

    private final DicomClient client;
    private final DimseOptions options;

    private DimseClient(DicomClient client, DimseOptions options) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** An SCU opening associations with {@code client}, with {@link DimseOptions#DEFAULT}. */
    public static DimseClient of(DicomClient client) {
        return new DimseClient(client, DimseOptions.DEFAULT);
    }

    /** An SCU opening associations with {@code client}. */
    public static DimseClient of(DicomClient client, DimseOptions options) {
        return new DimseClient(client, options);
    }

    public DimseOptions options() {
        return options;
    }

    /**
     * Opens an association whose messages this client's operations can exchange. Incoming
     * requests other than C-GET sub-operations are answered: C-ECHO with success, anything else
     * with 0211 unrecognized operation.
     *
     * @throws IOException as {@link DicomClient#connect} does
     */
    public Association connect(String host, int port, AssociationRequest request) throws IOException {
        DimseChannel channel = new DimseChannel(DimseClient::answerUnsolicited, options);
        Association association = client.connect(host, port, request, channel);
        channel.bind(association);
        return association;
    }

    /** C-ECHO on the association's Verification context. */
    public DimseResponse echo(Association association) throws IOException {
        long start = System.nanoTime();
        DimseChannel channel = DimseChannel.of(association);
        PresentationContext pc = context(association, UID.Verification, null);
        int id = channel.nextMessageId();
        SingleResponse response = new SingleResponse();
        channel.request(pc.id(), CommandSet.echoRequest(id, UID.Verification), null, response);
        DimseResponse r = response.await(channel, id, options.responseTimeout(), "C-ECHO-RSP");
        DimseLog.single(association.toString(), "C-ECHO", "to", UID.Verification, null, r.status(), r.errorComment(), 0,
                start);
        return r;
    }

    /**
     * C-STORE of a data set written by {@code dataSet}, already encoded in {@code transferSyntaxUid},
     * on an accepted context for that SOP Class and transfer syntax.
     *
     * @throws NoPresentationContextException when no such context was accepted (nothing is sent)
     */
    public DimseResponse store(Association association, String sopClassUid, String sopInstanceUid,
            String transferSyntaxUid, DataWriter dataSet, Priority priority) throws IOException {
        PresentationContext pc = context(association, sopClassUid, transferSyntaxUid);
        return StoreOperation.store(DimseChannel.of(association), pc, sopClassUid, sopInstanceUid, dataSet, priority,
                null, -1);
    }

    /** C-STORE of a data set read from {@code dataSet} (not closed), encoded in {@code transferSyntaxUid}. */
    public DimseResponse store(Association association, String sopClassUid, String sopInstanceUid,
            String transferSyntaxUid, InputStream dataSet, Priority priority) throws IOException {
        return store(association, sopClassUid, sopInstanceUid, transferSyntaxUid, dataSet::transferTo, priority);
    }

    /**
     * C-STORE of a Part 10 file: SOP Class, SOP Instance and transfer syntax come from its File
     * Meta, the context is the one accepted for that SOP Class and transfer syntax, and the data
     * set streams from the file as it is stored there (preamble and File Meta skipped), never
     * loaded whole. A deflated data set of odd length gets the trailing NUL that PS3.5 A.5 asks
     * for; nothing else is changed.
     *
     * @throws NoPresentationContextException when the file's SOP Class and transfer syntax were not accepted
     */
    public DimseResponse store(Association association, Path part10File) throws IOException {
        Part10Head head = Part10Head.read(part10File);
        PresentationContext pc = context(association, head.sopClassUid(), head.transferSyntaxUid());
        try (InputStream in = head.openDataSet(part10File)) {
            return StoreOperation.store(DimseChannel.of(association), pc, head.sopClassUid(), head.sopInstanceUid(),
                    in::transferTo, Priority.MEDIUM, null, -1);
        }
    }

    /** C-FIND with medium priority; see {@link #find(Association, String, Dataset, Priority)}. */
    public FindMatches find(Association association, String sopClassUid, Dataset identifier) throws IOException {
        return find(association, sopClassUid, identifier, Priority.MEDIUM);
    }

    /**
     * C-FIND: sends the query and returns its matches as they arrive. Close the result (try with
     * resources): that cancels a query still running.
     *
     * @param sopClassUid the information model, e.g. {@code UID.StudyRootQueryRetrieveInformationModelFind}
     * @param identifier  matching and return keys, with Query/Retrieve Level
     * @throws NoPresentationContextException when the information model was not accepted
     */
    public FindMatches find(Association association, String sopClassUid, Dataset identifier, Priority priority)
            throws IOException {
        DimseChannel channel = DimseChannel.of(association);
        PresentationContext pc = context(association, sopClassUid, null);
        int id = channel.nextMessageId();
        FindMatches matches = new FindMatches(channel, pc.id(), id, sopClassUid,
                identifier.getString(Tags.QueryRetrieveLevel));
        channel.request(pc.id(), CommandSet.findRequest(id, sopClassUid, priority), writer(identifier, pc),
                matches.listener);
        return matches;
    }

    /** C-MOVE with medium priority and no progress reporting; see {@link #move(Association, String, Dataset, String, Priority, RetrieveProgress)}. */
    public RetrieveResult move(Association association, String sopClassUid, Dataset identifier, String destinationAet)
            throws IOException {
        return move(association, sopClassUid, identifier, destinationAet, Priority.MEDIUM, RetrieveProgress.none());
    }

    /**
     * C-MOVE: asks the SCP to send what {@code identifier} selects to {@code destinationAet} (an AE
     * the SCP knows) and waits for the final response. The wait is bounded by
     * {@link DimseOptions#retrieveResponseTimeout()} between responses.
     *
     * @param sopClassUid the information model, e.g. {@code UID.StudyRootQueryRetrieveInformationModelMove}
     * @param progress    told the counts of each Pending response; may cancel
     * @return the final status, counts and failed instances (A801 when the SCP does not know the destination)
     */
    public RetrieveResult move(Association association, String sopClassUid, Dataset identifier, String destinationAet,
            Priority priority, RetrieveProgress progress) throws IOException {
        long start = System.nanoTime();
        DimseChannel channel = DimseChannel.of(association);
        PresentationContext pc = context(association, sopClassUid, null);
        int id = channel.nextMessageId();
        RetrieveOperation operation = new RetrieveOperation(channel, pc.id(), id);
        channel.request(pc.id(), CommandSet.moveRequest(id, sopClassUid, priority, destinationAet), writer(identifier, pc),
                operation);
        RetrieveResult result = operation.await(progress, options.retrieveResponseTimeout(), "C-MOVE-RSP");
        DimseLog.retrieve(association.toString(), "C-MOVE", "to", sopClassUid, destinationAet, result.subOperations(),
                result.status(), result.errorComment(), start);
        return result;
    }

    /** C-GET with medium priority and no progress reporting; see {@link #get(Association, String, Dataset, CStoreHandler, Priority, RetrieveProgress)}. */
    public RetrieveResult get(Association association, String sopClassUid, Dataset identifier, CStoreHandler receiver)
            throws IOException {
        return get(association, sopClassUid, identifier, receiver, Priority.MEDIUM, RetrieveProgress.none());
    }

    /**
     * C-GET: asks the SCP to send what {@code identifier} selects back on this association, and
     * hands each instance to {@code receiver} as it arrives (on the association's reader thread,
     * streamed, exactly as a C-STORE SCP's handler). The association must have been negotiated with
     * the storage SOP Classes and the SCP role (see {@link StorageSopClasses#proposeScpRole}). Waits
     * for the final response, bounded by {@link DimseOptions#retrieveResponseTimeout()} without a
     * response or sub-operation. One C-GET at a time per association.
     */
    public RetrieveResult get(Association association, String sopClassUid, Dataset identifier, CStoreHandler receiver,
            Priority priority, RetrieveProgress progress) throws IOException {
        long start = System.nanoTime();
        DimseChannel channel = DimseChannel.of(association);
        PresentationContext pc = context(association, sopClassUid, null);
        int id = channel.nextMessageId();
        RetrieveOperation operation = new RetrieveOperation(channel, pc.id(), id);
        if (!channel.receiveSubOperations(operation.signalling(receiver))) {
            throw new IllegalStateException(association + ": a C-GET is already in progress");
        }
        try {
            channel.request(pc.id(), CommandSet.getRequest(id, sopClassUid, priority), writer(identifier, pc), operation);
            RetrieveResult result = operation.await(progress, options.retrieveResponseTimeout(), "C-GET-RSP");
            DimseLog.retrieve(association.toString(), "C-GET", "to", sopClassUid, null, result.subOperations(),
                    result.status(), result.errorComment(), start);
            return result;
        } finally {
            channel.stopReceivingSubOperations();
        }
    }

    /** Writes an identifier in the context's transfer syntax. */
    static DataWriter writer(Dataset identifier, PresentationContext pc) {
        TransferSyntax syntax = TransferSyntax.of(pc.transferSyntax());
        return out -> DicomWriter.writeDataset(identifier, syntax, out, EncodingOptions.DEFAULT);
    }

    /** The accepted context for a SOP Class (and transfer syntax, when not null) on which we may invoke. */
    static PresentationContext context(Association association, String sopClass, String transferSyntax)
            throws NoPresentationContextException {
        for (PresentationContext pc : association.presentationContexts()) {
            if (pc.isAccepted() && pc.abstractSyntax().equals(sopClass)
                    && (transferSyntax == null || pc.transferSyntax().equals(transferSyntax))
                    && pc.localMayBeScu(association.isRequestor())) {
                return pc;
            }
        }
        throw new NoPresentationContextException(association + ": no accepted presentation context for "
                + DimseLog.name(sopClass) + (transferSyntax == null ? "" : " in " + DimseLog.name(transferSyntax)));
    }

    /** What a requestor answers when the acceptor sends it a request outside a C-GET. */
    private static void answerUnsolicited(DimseChannel channel, CommandSet request,
            org.vesalius.dicom.net.ul.IncomingMessage message) throws IOException {
        if (request.commandField() == CommandField.C_ECHO_RQ) {
            channel.respond(message, request, DicomStatus.SUCCESS, null);
        } else {
            channel.respond(message, request, DicomStatus.UNRECOGNIZED_OPERATION, "not expected by this SCU");
        }
    }
}
