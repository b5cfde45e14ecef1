package org.vesalius.vna.server.dimse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.vesalius.dicom.net.ul.UserIdentityVerifier.Verdict;
import org.vesalius.dicom.net.ul.pdu.UserIdentityRequest;

/**
 * The verifier's decisions that need no network: which mode applies to which calling AE, what
 * cannot be checked, and the refusal to start when nothing could check an identity. The dcmtk
 * side is {@link DimseUserIdentityIT}.
 */
class DimseUserVerifierTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 4242);

    private final List<DimseRefusal> refusals = new ArrayList<>();
    private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
            User.withUsername("tech").password("{noop}pw").authorities("ROLE_ingest").build());

    private DimseUserVerifier verifier(Map<String, String> properties) {
        DicomProperties p = new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("vna.dicom", DicomProperties.class);
        return DimseUserVerifier.of(p, users, null, "roles", new RefusalReport(List.of(refusals::add)));
    }

    @Test
    void noneIgnoresEveryIdentityAndAsksForNone() {
        DimseUserVerifier none = verifier(Map.of());
        assertThat(none.asksForIdentities()).isFalse();
        assertThat(none.verify(UserIdentityRequest.usernameAndPasscode("tech", "wrong", true), "CT1", PEER))
                .isEqualTo(Verdict.unverified());
    }

    @Test
    void modesPerCallingAe() {
        DimseUserVerifier v = verifier(Map.of("vna.dicom.user-identity", "required", "vna.dicom.access.OLD.rights", "store",
                "vna.dicom.access.OLD.user-identity", "none", "vna.dicom.access.NEW.rights", "store",
                "vna.dicom.access.NEW.user-identity", "optional"));
        assertThat(v.verify(null, "OLD", PEER).accepted()).isTrue();
        assertThat(v.verify(null, "NEW", PEER)).isEqualTo(Verdict.unverified());
        assertThat(v.verify(null, "CT1", PEER).accepted()).isFalse();
        // optional: an identity sent must still verify
        assertThat(v.verify(UserIdentityRequest.usernameAndPasscode("tech", "wrong", false), "NEW", PEER).accepted()).isFalse();
        Verdict ok = v.verify(UserIdentityRequest.usernameAndPasscode("tech", "pw", true), "NEW", PEER);
        assertThat(ok.accepted()).isTrue();
        assertThat(ok.user()).isEqualTo(new DimseUser("tech", "password", java.util.Set.of(DimseRight.ECHO, DimseRight.STORE, DimseRight.WORKLIST)));
        assertThat(refusals).extracting(DimseRefusal::reason).containsExactly(DimseRefusal.Reason.USER_IDENTITY_MISSING,
                DimseRefusal.Reason.USER_NOT_AUTHENTICATED);
    }

    @Test
    void whatCannotBeCheckedIsRefused() {
        DimseUserVerifier v = verifier(Map.of("vna.dicom.user-identity", "required"));
        // no issuer here: a JWT cannot be checked; Kerberos and SAML never; a user name alone proves nothing
        for (UserIdentityRequest id : List.of(UserIdentityRequest.jwt("a.b.c", false), UserIdentityRequest.kerberos(new byte[] {1}, false),
                UserIdentityRequest.saml("<saml/>", false), UserIdentityRequest.username("tech", false))) {
            assertThat(v.verify(id, "CT1", PEER).accepted()).as(id.toString()).isFalse();
        }
        assertThat(refusals).hasSize(4).extracting(DimseRefusal::reason).containsOnly(DimseRefusal.Reason.USER_NOT_AUTHENTICATED);
    }

    /** A token's roles as HTTP reads them: a SMART system read scope stands for reader, a patient scope for no DICOM right. */
    @Test
    void aTokenWithSmartScopesAndNoRolesGetsTheRightsTheyStandFor() {
        JwtDecoder decoder = token -> Jwt.withTokenValue(token).header("alg", "RS256").subject("app-" + token)
                .claim("scope", token.equals("system") ? "system/*.rs" : "patient/ImagingStudy.rs").claim("patient", "P1")
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(60)).build();
        DicomProperties p = new Binder(new MapConfigurationPropertySource(Map.of("vna.dicom.user-identity", "required")))
                .bindOrCreate("vna.dicom", DicomProperties.class);
        DimseUserVerifier v = DimseUserVerifier.of(p, null, decoder, "roles", new RefusalReport(List.of(refusals::add)));

        Verdict system = v.verify(UserIdentityRequest.jwt("system", false), "CT1", PEER);
        Verdict patient = v.verify(UserIdentityRequest.jwt("patient", false), "CT1", PEER);

        assertThat(system.accepted()).isTrue();
        assertThat(((DimseUser) system.user()).rights()).containsExactlyInAnyOrder(DimseRight.ECHO, DimseRight.FIND, DimseRight.WORKLIST,
                DimseRight.MOVE, DimseRight.GET);
        assertThat(patient.accepted()).isFalse();
        assertThat(refusals).extracting(DimseRefusal::reason).containsExactly(DimseRefusal.Reason.USER_WITHOUT_RIGHTS);
    }

    @Test
    void askingForIdentitiesWithNothingToCheckThemStopsTheStart() {
        DicomProperties p = new Binder(new MapConfigurationPropertySource(Map.of("vna.dicom.user-identity", "optional")))
                .bindOrCreate("vna.dicom", DicomProperties.class);
        assertThatThrownBy(() -> DimseUserVerifier.of(p, null, null, "roles", new RefusalReport(List.of())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("vna.security.issuer-uri");
    }
}
