package org.vesalius.dicom.net.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.net.LogValue;
import org.vesalius.dicom.net.dimse.CommandSet.Priority;
import org.vesalius.dicom.net.dimse.DicomStatus;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationException;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.AssociationTimeoutException;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.dicom.net.ul.PresentationContext;

/**
 * C-MOVE sub-operations: C-STOREs to the destination on an association of our own, opened when
 * the first instance is sent. It proposes one context per SOP Class and transfer syntax seen so
 * far (plus a native fallback per SOP Class whose instances may be rewritten in a native syntax,
 * see {@link #reopen()}); an instance of a pair not
 * yet proposed makes it release and associate again with the pair added (as Orthanc does: the
 * instances come one by one, so the pairs are not known up front). A pair the destination
 * rejected fails its instances without another attempt, unless they can be transcoded; so does a
 * pair in a proposal the destination rejected as a whole. If the destination cannot be reached
 * (connection refused, timeout), the remaining instances fail at once.
 */
final class MoveSubAssociation implements SubOperationTarget {

    private static final Logger LOG = LoggerFactory.getLogger(MoveSubAssociation.class);
    /** Presentation context IDs are odd numbers up to 255. */
    private static final int MAX_CONTEXTS = 128;

    private final MoveDestination destination;
    private final String callingAeTitle;
    private final String originatorAeTitle;
    private final int originatorMessageId;
    private final DimseClient client;
    private final Set<List<String>> proposed = new LinkedHashSet<>();
    /** Pairs of a proposal the destination rejected as a whole: not proposed again. */
    private final Set<List<String>> refused = new LinkedHashSet<>();
    /** SOP Classes with an instance that may go in a native syntax: each gets a native context too. */
    private final Set<String> nativeFallback = new LinkedHashSet<>();
    private Association current;
    private IOException unreachable;

    /**
     * @param callingAeTitle      our AE title (the one the C-MOVE was addressed to)
     * @param originatorAeTitle   the C-MOVE requestor, for Move Originator AE Title
     * @param originatorMessageId the C-MOVE's Message ID, for Move Originator Message ID
     */
    MoveSubAssociation(MoveDestination destination, String callingAeTitle, String originatorAeTitle,
            int originatorMessageId, DimseOptions options) {
        this.destination = destination;
        this.callingAeTitle = callingAeTitle;
        this.originatorAeTitle = originatorAeTitle;
        this.originatorMessageId = originatorMessageId;
        DicomClient.Builder ul = DicomClient.builder().options(destination.options());
        if (destination.tls() != null) {
            ul.tls(destination.tls());
        }
        this.client = DimseClient.of(ul.build(), options);
    }

    @Override
    public DicomStatus store(OutgoingInstance instance) throws IOException {
        if (unreachable != null) {
            throw new IOException("move destination " + destination.aeTitle() + " unreachable: " + unreachable.getMessage());
        }
        PresentationContext pc = context(instance);
        try (InputStream data = instance.dataSet().open()) {
            return StoreOperation.store(DimseChannel.of(current), pc, instance.sopClassUid(), instance.sopInstanceUid(),
                    OutgoingContexts.writer(data, instance, pc), Priority.MEDIUM, originatorAeTitle, originatorMessageId)
                    .status();
        }
    }

    private PresentationContext context(OutgoingInstance instance) throws IOException {
        List<String> pair = List.of(instance.sopClassUid(), instance.transferSyntaxUid());
        if (refused.contains(pair)) {
            throw noContext(pair);
        }
        boolean newFallback = OutgoingContexts.mayGoNative(instance) && !nativeFallback.contains(instance.sopClassUid());
        if (current != null && current.isEstablished()) {
            if (proposed.contains(pair) && !newFallback) {
                // Proposed on this association: its own context if accepted, else a conversion.
                return OutgoingContexts.choose(current, instance);
            }
            try {
                return DimseClient.context(current, instance.sopClassUid(), instance.transferSyntaxUid());
            } catch (NoPresentationContextException notYetProposed) {
                // A pair not proposed yet: associate again with it rather than convert (a native
                // context of the SOP Class would do, but the instance goes in its own syntax if
                // the destination accepts it).
            }
        }
        if (!proposed.contains(pair) || newFallback) {
            if (contextsFor() >= MAX_CONTEXTS - 1) {
                if (current != null && current.isEstablished()) {
                    return OutgoingContexts.choose(current, instance); // no room: convert if it can be
                }
                throw noContext(pair);
            }
            proposed.add(pair);
            if (newFallback) {
                nativeFallback.add(instance.sopClassUid());
            }
        }
        reopen();
        return OutgoingContexts.choose(current, instance);
    }

    /**
     * Each pair in a context of its own, so that the instance's own syntax is accepted or
     * rejected by itself; and per SOP Class with data sets that may be rewritten in a native syntax
     * (native ones, and compressed ones the sender can decode), one context with the two native
     * syntaxes every SCP accepts, to transcode to should the own one be rejected.
     */
    private void reopen() throws IOException {
        close();
        AssociationRequest.Builder rq = AssociationRequest.builder(callingAeTitle, destination.aeTitle());
        proposed.forEach(p -> rq.propose(p.get(0), p.get(1)));
        nativeFallback.stream().filter(sopClass -> proposed.stream().anyMatch(p -> p.get(0).equals(sopClass)))
                .forEach(sopClass -> rq.propose(sopClass, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian));
        try {
            current = client.connect(destination.host(), destination.port(), rq.build());
        } catch (AssociationException e) {
            current = null;
            if (e instanceof AssociationTimeoutException) {
                unreachable(e);
            } else {
                // It answered, and refused this proposal (nothing acceptable, say): another
                // instance with other pairs may still go.
                LOG.info("{}->{}: the move destination refused {}: {}", LogValue.of(callingAeTitle), destination.aeTitle(), proposed,
                        e.getMessage());
                refused.addAll(proposed);
                proposed.clear();
                nativeFallback.clear();
            }
            throw e;
        } catch (IOException e) {
            current = null;
            unreachable(e);
            throw e;
        }
    }

    private void unreachable(IOException e) {
        LOG.info("{}->{}: cannot associate with the move destination at {}:{}: {}", LogValue.of(callingAeTitle),
                destination.aeTitle(), destination.host(), destination.port(), e.getMessage());
        unreachable = e;
    }

    private int contextsFor() {
        return proposed.size() + nativeFallback.size();
    }

    private NoPresentationContextException noContext(List<String> pair) {
        return new NoPresentationContextException(destination.aeTitle() + " accepted no context for "
                + DimseLog.name(pair.get(0)) + " in " + DimseLog.name(pair.get(1)));
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
