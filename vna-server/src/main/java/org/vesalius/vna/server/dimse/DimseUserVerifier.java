package org.vesalius.vna.server.dimse;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.vesalius.dicom.net.ul.UserIdentityVerifier;
import org.vesalius.dicom.net.ul.pdu.UserIdentityRequest;
import org.vesalius.vna.server.security.Role;
import org.vesalius.vna.server.security.TokenAuthentication;

/**
 * Verifies User Identity negotiation (PS3.7 D.3.3.7) against the identity provider of HTTP, with
 * Spring Security doing the checks: a user name and passcode against the embedded issuer's users
 * ({@code passwords}: Spring's {@code DaoAuthenticationProvider}, passwords through its
 * {@code PasswordEncoder}), a JWT through the resource server's own {@code JwtDecoder} (issuer,
 * signature, expiry, audience; {@code tokens}: Spring's {@code JwtAuthenticationProvider}), the
 * token's roles, as HTTP reads them (claimed, or as its SMART scopes stand for), giving the
 * rights ({@link DimseRight#ofRoles}). Whether an identity is asked for
 * is the calling AE's {@link UserIdentityMode}. A refusal is A-ASSOCIATE-RJ (1, 2, 1) (the
 * toolkit's answer to a refused identity) and goes to the {@link RefusalReport}.
 */
final class DimseUserVerifier implements UserIdentityVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(DimseUserVerifier.class);

    private final UserIdentityMode defaultMode;
    private final Map<String, UserIdentityMode> modeByCallingAe;
    private final AuthenticationProvider passwords;
    private final AuthenticationProvider tokens;
    private final String calledAeTitle;
    private final RefusalReport report;

    /**
     * @param passwords checks user name and passcode; null when there are no local users (an external
     *                  identity provider: passwords cannot be checked there)
     * @param tokens    checks JWTs; null when no issuer is configured
     */
    DimseUserVerifier(UserIdentityMode defaultMode, Map<String, UserIdentityMode> modeByCallingAe,
            AuthenticationProvider passwords, AuthenticationProvider tokens, String calledAeTitle, RefusalReport report) {
        this.defaultMode = defaultMode;
        this.modeByCallingAe = Map.copyOf(modeByCallingAe);
        this.passwords = passwords;
        this.tokens = tokens;
        this.calledAeTitle = calledAeTitle;
        this.report = report;
    }

    /**
     * The verifier of {@code properties}' user identity modes, checking passwords against
     * {@code users} (the embedded issuer's, or null) and JWTs with {@code jwtDecoder} (HTTP's, or
     * null), roles from the claim {@code rolesClaim}. Throws when an identity is asked for and
     * neither can be checked.
     */
    static DimseUserVerifier of(DicomProperties properties, UserDetailsService users, JwtDecoder jwtDecoder,
            String rolesClaim, RefusalReport report) {
        AuthenticationProvider passwords = users == null ? null : new DaoAuthenticationProvider(users);
        JwtAuthenticationProvider tokens = null;
        if (jwtDecoder != null) {
            tokens = new JwtAuthenticationProvider(jwtDecoder);
            // The roles exactly as HTTP reads them: claimed, or as the token's SMART scopes stand for.
            tokens.setJwtAuthenticationConverter(TokenAuthentication.converter(rolesClaim));
        }
        DimseUserVerifier verifier = new DimseUserVerifier(properties.userIdentity(), properties.userIdentityByCallingAe(),
                passwords, tokens, properties.aeTitle(), report);
        if (verifier.asksForIdentities()) {
            if (passwords == null && tokens == null) {
                throw new IllegalStateException("vna.dicom.user-identity (or an AE's vna.dicom.access.<AE>.user-identity) asks "
                        + "for user identities, but nothing can check them: set vna.security.issuer-uri with "
                        + "vna.security.enabled=true (JWTs), or run the embedded issuer (passwords and JWTs)");
            }
            LOG.info("DICOM user identity: {} by default{}; JWTs {}; user names and passcodes {}", properties.userIdentity(),
                    properties.userIdentityByCallingAe().isEmpty() ? "" : ", per calling AE " + properties.userIdentityByCallingAe(),
                    tokens != null ? "checked like HTTP bearer tokens" : "refused (no issuer)",
                    passwords != null ? "checked against the embedded issuer's users"
                            : "refused (an external identity provider cannot check passwords; send JWTs)");
        }
        return verifier;
    }

    /** Whether any calling AE is asked for an identity. */
    boolean asksForIdentities() {
        return defaultMode != UserIdentityMode.NONE || modeByCallingAe.values().stream().anyMatch(m -> m != UserIdentityMode.NONE);
    }

    @Override
    public Verdict verify(UserIdentityRequest identity, String callingAeTitle, SocketAddress peer) {
        UserIdentityMode mode = modeByCallingAe.getOrDefault(callingAeTitle, defaultMode);
        if (mode == UserIdentityMode.NONE || identity == null && mode == UserIdentityMode.OPTIONAL) {
            return Verdict.unverified();
        }
        InetAddress from = peer instanceof InetSocketAddress isa ? isa.getAddress() : null;
        if (identity == null) {
            return refuse(callingAeTitle, from, DimseRefusal.Reason.USER_IDENTITY_MISSING, null, "user identity required");
        }
        String named = identity.type() == UserIdentityRequest.Type.USERNAME
                || identity.type() == UserIdentityRequest.Type.USERNAME_AND_PASSCODE ? identity.primaryText() : null;
        Authentication proved;
        try {
            proved = authenticate(identity);
        } catch (AuthenticationException e) {
            // Spring's messages say why (bad credentials, expired, wrong issuer...) and never repeat the secret.
            return refuse(callingAeTitle, from, DimseRefusal.Reason.USER_NOT_AUTHENTICATED, named, e.getMessage());
        }
        if (proved == null) {
            return refuse(callingAeTitle, from, DimseRefusal.Reason.USER_NOT_AUTHENTICATED, named, cannotCheck(identity.type()));
        }
        Set<String> authorities = proved.getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        Set<Role> roles = Arrays.stream(Role.values()).filter(r -> authorities.contains(r.authority()))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
        DimseUser user = new DimseUser(proved.getName(), identity.type() == UserIdentityRequest.Type.JWT ? "jwt" : "password",
                DimseRight.ofRoles(roles));
        if (user.rights().isEmpty()) {
            return refuse(callingAeTitle, from, DimseRefusal.Reason.USER_WITHOUT_RIGHTS, user.name(), "roles " + roles);
        }
        LOG.debug("user identity of {} verified ({}): rights {}", user.name(), user.method(), user.rights());
        return Verdict.verified(user);
    }

    /** Spring's authentication of the identity; null when nothing here can check its type. */
    private Authentication authenticate(UserIdentityRequest identity) {
        return switch (identity.type()) {
            case USERNAME_AND_PASSCODE -> passwords == null ? null : passwords.authenticate(
                    UsernamePasswordAuthenticationToken.unauthenticated(identity.primaryText(), identity.secondaryText()));
            case JWT -> tokens == null ? null : tokens.authenticate(new BearerTokenAuthenticationToken(identity.primaryText()));
            case USERNAME, KERBEROS, SAML -> null;
        };
    }

    private String cannotCheck(UserIdentityRequest.Type type) {
        return switch (type) {
            case USERNAME_AND_PASSCODE -> "passwords can be checked only against the embedded issuer's users "
                    + "(vna.security.embedded-issuer.*): an external identity provider checks them only in the OAuth "
                    + "password grant, which OAuth 2.1 and Spring Security have dropped. Send a JWT (user identity type 5)";
            case JWT -> "no token issuer configured (vna.security.issuer-uri with vna.security.enabled or the embedded issuer)";
            case USERNAME -> "a user name alone proves nothing: send a passcode or a JWT";
            case KERBEROS, SAML -> "user identity type " + type + " is not supported: send a user name and passcode, or a JWT";
        };
    }

    private Verdict refuse(String callingAeTitle, InetAddress from, DimseRefusal.Reason reason, String user, String why) {
        report.refused(new DimseRefusal(callingAeTitle, calledAeTitle, from, reason, Set.of(), user), why);
        return Verdict.reject();
    }
}
