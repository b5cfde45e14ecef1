package org.vesalius.dicom.net.ul;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vesalius.dicom.net.ul.pdu.AAssociateAc;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.PresentationContextRequest;
import org.vesalius.dicom.net.ul.pdu.PresentationContextResult;
import org.vesalius.dicom.net.ul.pdu.RoleSelection;

/** The presentation contexts that come out of a request and its accept, by ID. */
final class PresentationContexts {

    private final Map<Integer, PresentationContext> byId;

    private PresentationContexts(Map<Integer, PresentationContext> byId) {
        this.byId = byId;
    }

    /**
     * Combines proposal and answer. A context the acceptor did not answer counts as rejected; roles
     * are the defaults (requestor SCU, acceptor SCP) unless both sides exchanged a role selection
     * item for the abstract syntax, and never more than was proposed (PS3.7 D.3.3.4).
     */
    static PresentationContexts of(AAssociateRq rq, AAssociateAc ac) {
        Map<Integer, PresentationContextResult> answers = new HashMap<>();
        for (PresentationContextResult r : ac.presentationContexts()) {
            answers.put(r.id(), r);
        }
        Map<String, RoleSelection> proposed = roles(rq.userInformation().roleSelections());
        Map<String, RoleSelection> granted = roles(ac.userInformation().roleSelections());
        Map<Integer, PresentationContext> contexts = new LinkedHashMap<>();
        for (PresentationContextRequest pc : rq.presentationContexts()) {
            PresentationContextResult answer = answers.get(pc.id());
            PresentationContextResult.Result result = answer != null ? answer.result()
                    : PresentationContextResult.Result.NO_REASON;
            String ts = answer != null && answer.isAccepted() ? answer.transferSyntax() : "";
            RoleSelection asked = proposed.get(pc.abstractSyntax());
            RoleSelection given = granted.get(pc.abstractSyntax());
            boolean scu = true;
            boolean scp = false;
            if (asked != null && given != null) {
                scu = asked.scu() && given.scu();
                scp = asked.scp() && given.scp();
            }
            contexts.put(pc.id(), new PresentationContext(pc.id(), pc.abstractSyntax(), ts, result, scu, scp));
        }
        return new PresentationContexts(contexts);
    }

    List<PresentationContext> all() {
        return List.copyOf(byId.values());
    }

    List<PresentationContext> accepted() {
        List<PresentationContext> accepted = new ArrayList<>();
        for (PresentationContext pc : byId.values()) {
            if (pc.isAccepted()) {
                accepted.add(pc);
            }
        }
        return accepted;
    }

    Optional<PresentationContext> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    boolean isAccepted(int id) {
        PresentationContext pc = byId.get(id);
        return pc != null && pc.isAccepted();
    }

    /** The first accepted context for the abstract syntax, optionally also matching a transfer syntax. */
    Optional<PresentationContext> accepted(String abstractSyntax, String transferSyntax) {
        for (PresentationContext pc : byId.values()) {
            if (pc.isAccepted() && pc.abstractSyntax().equals(abstractSyntax)
                    && (transferSyntax == null || pc.transferSyntax().equals(transferSyntax))) {
                return Optional.of(pc);
            }
        }
        return Optional.empty();
    }

    private static Map<String, RoleSelection> roles(List<RoleSelection> items) {
        Map<String, RoleSelection> map = new HashMap<>();
        for (RoleSelection r : items) {
            map.putIfAbsent(r.sopClassUid(), r);
        }
        return map;
    }
}
