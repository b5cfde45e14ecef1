package org.vesalius.dicom.net.ul;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.vesalius.dicom.net.ul.pdu.AAssociateRq;
import org.vesalius.dicom.net.ul.pdu.AsyncOpsWindow;
import org.vesalius.dicom.net.ul.pdu.CommonExtendedNegotiation;
import org.vesalius.dicom.net.ul.pdu.PresentationContextRequest;
import org.vesalius.dicom.net.ul.pdu.RoleSelection;
import org.vesalius.dicom.net.ul.pdu.SopClassExtendedNegotiation;
import org.vesalius.dicom.net.ul.pdu.UserIdentityRequest;
import org.vesalius.dicom.net.ul.pdu.UserInformation;

/**
 * What a requestor proposes: AE titles, presentation contexts and optional negotiation items.
 * Maximum PDU length and implementation identity come from {@link AssociationOptions}.
 *
 * <pre>{@code
 * AssociationRequest rq = AssociationRequest.builder("MYSCU", "VESALIUS")
 *         .propose(VERIFICATION, EXPLICIT_VR_LE, IMPLICIT_VR_LE)
 *         .userIdentity(UserIdentityRequest.usernameAndPasscode("alice", "secret", false))
 *         .build();
 * }</pre>
 *
 * @param callingAeTitle       our AE title
 * @param calledAeTitle        the acceptor's AE title
 * @param presentationContexts proposed contexts with odd IDs
 * @param roleSelections       SCP/SCU role proposals (needed for C-GET storage sub-operations)
 * @param extendedNegotiations SOP Class Extended Negotiation items
 * @param commonExtendedNegotiations SOP Class Common Extended Negotiation items
 * @param userIdentity         User Identity, or null
 * @param asyncOpsWindow       Asynchronous Operations Window to propose, or null for none (1/1)
 */
public record AssociationRequest(String callingAeTitle, String calledAeTitle,
        List<PresentationContextRequest> presentationContexts, List<RoleSelection> roleSelections,
        List<SopClassExtendedNegotiation> extendedNegotiations, List<CommonExtendedNegotiation> commonExtendedNegotiations,
        UserIdentityRequest userIdentity, AsyncOpsWindow asyncOpsWindow) {

    public AssociationRequest {
        AeTitles.check(callingAeTitle);
        AeTitles.check(calledAeTitle);
        presentationContexts = List.copyOf(presentationContexts);
        if (presentationContexts.isEmpty()) {
            throw new IllegalArgumentException("propose at least one presentation context");
        }
        roleSelections = List.copyOf(roleSelections);
        extendedNegotiations = List.copyOf(extendedNegotiations);
        commonExtendedNegotiations = List.copyOf(commonExtendedNegotiations);
    }

    /** A builder for a request from {@code callingAeTitle} to {@code calledAeTitle}. */
    public static Builder builder(String callingAeTitle, String calledAeTitle) {
        return new Builder(callingAeTitle, calledAeTitle);
    }

    /** The A-ASSOCIATE-RQ PDU for these settings. */
    AAssociateRq toPdu(AssociationOptions options) {
        UserInformation info = UserInformation.of(options.maxPduLengthReceive(), options.implementationClassUid(),
                        options.implementationVersionName())
                .withAsyncOpsWindow(asyncOpsWindow)
                .withRoleSelections(roleSelections)
                .withExtendedNegotiations(extendedNegotiations)
                .withCommonExtendedNegotiations(commonExtendedNegotiations)
                .withUserIdentity(userIdentity);
        return new AAssociateRq(AAssociateRq.PROTOCOL_VERSION, calledAeTitle, callingAeTitle,
                AAssociateRq.DICOM_APPLICATION_CONTEXT, presentationContexts, info);
    }

    /** Builds an {@link AssociationRequest}; presentation context IDs are assigned 1, 3, 5, ... */
    public static final class Builder {
        private final String calling;
        private final String called;
        private final List<PresentationContextRequest> contexts = new ArrayList<>();
        private final List<RoleSelection> roles = new ArrayList<>();
        private final List<SopClassExtendedNegotiation> extended = new ArrayList<>();
        private final List<CommonExtendedNegotiation> common = new ArrayList<>();
        private UserIdentityRequest identity;
        private AsyncOpsWindow window;

        private Builder(String calling, String called) {
            this.calling = calling;
            this.called = called;
        }

        /** Proposes one presentation context; returns this builder. Up to 128 contexts. */
        public Builder propose(String abstractSyntax, String... transferSyntaxes) {
            int id = 2 * contexts.size() + 1;
            if (id > 255) {
                throw new IllegalStateException("at most 128 presentation contexts");
            }
            if (transferSyntaxes.length == 0) {
                throw new IllegalArgumentException("at least one transfer syntax");
            }
            contexts.add(new PresentationContextRequest(id, Objects.requireNonNull(abstractSyntax), List.of(transferSyntaxes)));
            return this;
        }

        /** Proposes the roles we (the requestor) may play for a SOP Class. */
        public Builder roles(String sopClassUid, boolean scu, boolean scp) {
            roles.add(new RoleSelection(sopClassUid, scu, scp));
            return this;
        }

        public Builder extendedNegotiation(String sopClassUid, byte[] applicationInformation) {
            extended.add(new SopClassExtendedNegotiation(sopClassUid, applicationInformation));
            return this;
        }

        public Builder commonExtendedNegotiation(CommonExtendedNegotiation item) {
            common.add(Objects.requireNonNull(item));
            return this;
        }

        public Builder userIdentity(UserIdentityRequest identity) {
            this.identity = identity;
            return this;
        }

        public Builder asyncOpsWindow(int maxOperationsInvoked, int maxOperationsPerformed) {
            this.window = new AsyncOpsWindow(maxOperationsInvoked, maxOperationsPerformed);
            return this;
        }

        public AssociationRequest build() {
            return new AssociationRequest(calling, called, contexts, roles, extended, common, identity, window);
        }
    }
}
