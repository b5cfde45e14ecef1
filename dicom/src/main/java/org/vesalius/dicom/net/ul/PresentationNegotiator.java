package org.vesalius.dicom.net.ul;

import java.net.SocketAddress;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.AsyncOpsWindow;
import org.vesalius.dicom.net.ul.pdu.CommonExtendedNegotiation;
import org.vesalius.dicom.net.ul.pdu.PresentationContextRequest;
import org.vesalius.dicom.net.ul.pdu.PresentationContextResult;
import org.vesalius.dicom.net.ul.pdu.PresentationContextResult.Result;
import org.vesalius.dicom.net.ul.pdu.RoleSelection;
import org.vesalius.dicom.net.ul.pdu.SopClassExtendedNegotiation;

/**
 * The acceptor's side of negotiation: a result for every proposed presentation context, role
 * selection answers, extended negotiation answers and the asynchronous operations window.
 */
final class PresentationNegotiator {

    /** What goes into the A-ASSOCIATE-AC. */
    record Outcome(List<PresentationContextResult> results, List<RoleSelection> roles,
            List<SopClassExtendedNegotiation> extended, AsyncOpsWindow window) {

        boolean anyAccepted() {
            return results.stream().anyMatch(PresentationContextResult::isAccepted);
        }
    }

    private final ApplicationEntity ae;

    PresentationNegotiator(ApplicationEntity ae) {
        this.ae = ae;
    }

    /**
     * Negotiates {@code rq}, which came from {@code peer} and which the AE's policy admitted;
     * {@code user}: whom its identity was verified as, or null.
     */
    Outcome negotiate(AAssociateRq rq, SocketAddress peer, Principal user) {
        Map<String, RoleSelection> proposedRoles = new HashMap<>();
        for (RoleSelection r : rq.userInformation().roleSelections()) {
            proposedRoles.putIfAbsent(r.sopClassUid(), r);
        }
        Map<String, List<String>> related = new HashMap<>();
        for (CommonExtendedNegotiation c : rq.userInformation().commonExtendedNegotiations()) {
            related.putIfAbsent(c.sopClassUid(), c.relatedGeneralSopClasses());
        }
        List<PresentationContextResult> results = new ArrayList<>();
        Map<String, RoleSelection> answeredRoles = new LinkedHashMap<>();
        for (PresentationContextRequest pc : rq.presentationContexts()) {
            results.add(negotiate(rq, peer, user, pc, proposedRoles.get(pc.abstractSyntax()), related, answeredRoles));
        }
        return new Outcome(results, List.copyOf(answeredRoles.values()), extended(rq), window(rq));
    }

    private PresentationContextResult negotiate(AAssociateRq rq, SocketAddress peer, Principal user, PresentationContextRequest pc,
            RoleSelection proposed,
            Map<String, List<String>> related, Map<String, RoleSelection> answeredRoles) {
        // A rejected context still carries a transfer syntax sub-item; echo one the proposer knows.
        String echo = pc.transferSyntaxes().isEmpty() ? "1.2.840.10008.1.2" : pc.transferSyntaxes().get(0);
        TransferCapability tc = capability(pc.abstractSyntax(), related);
        if (tc == null) {
            return new PresentationContextResult(pc.id(), Result.ABSTRACT_SYNTAX_NOT_SUPPORTED, echo);
        }
        boolean requestorScu = proposed == null || proposed.scu();
        boolean requestorScp = proposed != null && proposed.scp();
        AssociationPolicy policy = ae.policy();
        boolean grantScu = requestorScu && tc.role().includesScp()
                && policy.permits(rq, peer, user, pc.abstractSyntax(), AssociationPolicy.RequestorRole.SCU);
        boolean grantScp = requestorScp && tc.role().includesScu()
                && policy.permits(rq, peer, user, pc.abstractSyntax(), AssociationPolicy.RequestorRole.SCP);
        if (proposed != null) {
            answeredRoles.putIfAbsent(pc.abstractSyntax(), new RoleSelection(pc.abstractSyntax(), grantScu, grantScp));
        }
        if (!grantScu && !grantScp) {
            return new PresentationContextResult(pc.id(), Result.USER_REJECTION, echo);
        }
        // Where the requestor only receives (a C-GET SCU taking the SCP role), its order decides:
        // the receiver knows what it can decode, and we send every instance in whatever it listed
        // first that we can, rather than transcoding to our own favourite.
        String ts = grantScu ? tc.select(pc.transferSyntaxes()) : tc.selectInProposedOrder(pc.transferSyntaxes());
        if (ts == null) {
            return new PresentationContextResult(pc.id(), Result.TRANSFER_SYNTAXES_NOT_SUPPORTED, echo);
        }
        return new PresentationContextResult(pc.id(), Result.ACCEPTANCE, ts);
    }

    /** Exact SOP Class, then its related general SOP Classes (PS3.7 D.3.3.6), then the "*" fallback. */
    private TransferCapability capability(String sopClass, Map<String, List<String>> related) {
        TransferCapability exact = ae.exactCapabilityFor(sopClass);
        if (exact != null) {
            return exact;
        }
        for (String general : related.getOrDefault(sopClass, List.of())) {
            TransferCapability tc = ae.exactCapabilityFor(general);
            if (tc != null) {
                return tc;
            }
        }
        return ae.capabilityFor(sopClass);
    }

    private List<SopClassExtendedNegotiation> extended(AAssociateRq rq) {
        List<SopClassExtendedNegotiation> answers = new ArrayList<>();
        for (SopClassExtendedNegotiation item : rq.userInformation().extendedNegotiations()) {
            byte[] answer = ae.extendedNegotiator().answer(item.sopClassUid(), item.applicationInformation());
            if (answer != null) {
                answers.add(new SopClassExtendedNegotiation(item.sopClassUid(), answer));
            }
        }
        return answers;
    }

    /** Each value lowered to what we support; 0 means unlimited on either side. Null when not proposed. */
    private AsyncOpsWindow window(AAssociateRq rq) {
        AsyncOpsWindow proposed = rq.userInformation().asyncOpsWindow();
        if (proposed == null) {
            return null;
        }
        AsyncOpsWindow ours = ae.asyncOpsWindow();
        return new AsyncOpsWindow(min(proposed.maxOperationsInvoked(), ours.maxOperationsInvoked()),
                min(proposed.maxOperationsPerformed(), ours.maxOperationsPerformed()));
    }

    private static int min(int a, int b) {
        return a == 0 ? b : b == 0 ? a : Math.min(a, b);
    }
}
