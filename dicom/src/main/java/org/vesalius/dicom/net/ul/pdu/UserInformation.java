package org.vesalius.dicom.net.ul.pdu;

import java.util.List;
import java.util.Objects;

/**
 * The User Information item (PS3.8 9.3.2.3, 9.3.3.3) and its sub-items (PS3.7 D.3.3).
 *
 * @param maxPduLength               largest P-DATA-TF variable field the sender accepts; 0 = no limit
 * @param implementationClassUid     the sender's Implementation Class UID (empty if a peer omitted it)
 * @param implementationVersionName  the sender's Implementation Version Name, or null
 * @param asyncOpsWindow             Asynchronous Operations Window, or null (then 1/1 applies)
 * @param roleSelections             SCP/SCU Role Selection items
 * @param extendedNegotiations       SOP Class Extended Negotiation items
 * @param commonExtendedNegotiations SOP Class Common Extended Negotiation items (request only)
 * @param userIdentity               User Identity (request), or null
 * @param userIdentityResponse       User Identity server response (accept), or null
 */
public record UserInformation(long maxPduLength, String implementationClassUid, String implementationVersionName,
        AsyncOpsWindow asyncOpsWindow, List<RoleSelection> roleSelections,
        List<SopClassExtendedNegotiation> extendedNegotiations,
        List<CommonExtendedNegotiation> commonExtendedNegotiations,
        UserIdentityRequest userIdentity, UserIdentityResponse userIdentityResponse) {

    public UserInformation {
        if (maxPduLength < 0 || maxPduLength > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("maxPduLength must fit in 32 bits unsigned: " + maxPduLength);
        }
        Objects.requireNonNull(implementationClassUid, "implementationClassUid");
        roleSelections = List.copyOf(roleSelections);
        extendedNegotiations = List.copyOf(extendedNegotiations);
        commonExtendedNegotiations = List.copyOf(commonExtendedNegotiations);
    }

    /** Just the mandatory parts: maximum length and implementation identity. */
    public static UserInformation of(long maxPduLength, String implementationClassUid, String implementationVersionName) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName, null, List.of(), List.of(),
                List.of(), null, null);
    }

    /** A copy with the given Asynchronous Operations Window (null: none). */
    public UserInformation withAsyncOpsWindow(AsyncOpsWindow window) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName, window, roleSelections,
                extendedNegotiations, commonExtendedNegotiations, userIdentity, userIdentityResponse);
    }

    /** A copy with the given role selections. */
    public UserInformation withRoleSelections(List<RoleSelection> roles) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName, asyncOpsWindow, roles,
                extendedNegotiations, commonExtendedNegotiations, userIdentity, userIdentityResponse);
    }

    /** A copy with the given SOP Class Extended Negotiation items. */
    public UserInformation withExtendedNegotiations(List<SopClassExtendedNegotiation> items) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName, asyncOpsWindow,
                roleSelections, items, commonExtendedNegotiations, userIdentity, userIdentityResponse);
    }

    /** A copy with the given SOP Class Common Extended Negotiation items. */
    public UserInformation withCommonExtendedNegotiations(List<CommonExtendedNegotiation> items) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName, asyncOpsWindow,
                roleSelections, extendedNegotiations, items, userIdentity, userIdentityResponse);
    }

    /** A copy with the given User Identity request (null: none). */
    public UserInformation withUserIdentity(UserIdentityRequest identity) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName, asyncOpsWindow,
                roleSelections, extendedNegotiations, commonExtendedNegotiations, identity, userIdentityResponse);
    }

    /** A copy with the given User Identity server response (null: none). */
    public UserInformation withUserIdentityResponse(UserIdentityResponse response) {
        return new UserInformation(maxPduLength, implementationClassUid, implementationVersionName, asyncOpsWindow,
                roleSelections, extendedNegotiations, commonExtendedNegotiations, userIdentity, response);
    }
}
