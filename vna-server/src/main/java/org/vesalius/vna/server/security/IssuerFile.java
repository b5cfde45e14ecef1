package org.vesalius.vna.server.security;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.vesalius.vna.fhir.PatientIds;

/**
 * The embedded issuer's clients and users, read from a properties file
 * ({@code vna.security.embedded-issuer.file}; format in vna-server/README.md, "Security"):
 * <pre>
 * client.scripts.secret={noop}s3cret
 * client.scripts.grants=client_credentials
 * client.scripts.roles=admin,reader
 * client.ohif.grants=authorization_code
 * client.ohif.redirect-uris=http://127.0.0.1:8080/viewer/callback
 * client.ohif.scopes=openid,profile
 * user.admin.password={noop}s3cret
 * user.admin.roles=admin,reader
 * client.portal.roles=referrer                      # a patient-scoped client:
 * client.portal.patient=MTIzXFBBQ1NfQQ              #   its tokens carry this patient context
 * client.portal.scopes=patient/ImagingStudy.rs      #   and, asked for, these SMART scopes
 * user.jane.patient=MTIzXFBBQ1NfQQ                  # a user's patient context (code flow)
 * </pre>
 * Secrets and passwords carry Spring's encoding prefix ({@code {noop}} plain, {@code {bcrypt}}
 * hashed). A client with a secret authenticates with it (HTTP Basic or form); one without is
 * public and may use only the authorization code grant, always with PKCE. A wrong line stops the
 * server naming it.
 *
 * A {@code patient} is the FHIR Patient id of the patient ({@code /fhir/Patient/<id>}, computed
 * from Patient ID and issuer): the token's {@code patient} claim, which a patient-scoped token
 * (referrer, SMART {@code patient/} scopes) needs.
 *
 * @param clients      the registered clients
 * @param users        the users who log in for the authorization code grant
 * @param userPatients the patient context of the users that have one, by user name
 */
record IssuerFile(List<RegisteredClient> clients, List<UserDetails> users, Map<String, String> userPatients) {

    /** The client setting holding a client's roles (for the client credentials grant). */
    static final String ROLES_SETTING = "vesalius.roles";
    /** The client setting holding a client's patient context (for the client credentials grant). */
    static final String PATIENT_SETTING = "vesalius.patient";

    private static final Set<String> CLIENT_KEYS = Set.of("secret", "grants", "roles", "redirect-uris", "scopes", "patient");
    private static final Set<String> USER_KEYS = Set.of("password", "roles", "patient");

    IssuerFile {
        clients = List.copyOf(clients);
        users = List.copyOf(users);
        userPatients = Map.copyOf(userPatients);
    }

    static IssuerFile read(Path file, Duration accessTokenTtl) {
        Properties lines = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vna.security.embedded-issuer.file " + file, e);
        }
        Map<String, Map<String, String>> clients = new TreeMap<>();
        Map<String, Map<String, String>> users = new TreeMap<>();
        for (String key : lines.stringPropertyNames()) {
            int first = key.indexOf('.');
            int last = key.lastIndexOf('.');
            String kind = first > 0 ? key.substring(0, first) : "";
            String name = first > 0 && last > first ? key.substring(first + 1, last) : "";
            String attribute = key.substring(last + 1);
            Map<String, Map<String, String>> target = switch (kind) {
                case "client" -> CLIENT_KEYS.contains(attribute) ? clients : null;
                case "user" -> USER_KEYS.contains(attribute) ? users : null;
                default -> null;
            };
            if (target == null || name.isBlank()) {
                throw new IllegalArgumentException(file + ": unknown key " + key
                        + " (client.<id>." + CLIENT_KEYS + " or user.<name>." + USER_KEYS + ")");
            }
            target.computeIfAbsent(name, n -> new TreeMap<>()).put(attribute, lines.getProperty(key).strip());
        }
        List<RegisteredClient> registered = new ArrayList<>();
        clients.forEach((id, attributes) -> registered.add(client(file, id, attributes, accessTokenTtl)));
        List<UserDetails> people = new ArrayList<>();
        Map<String, String> patients = new TreeMap<>();
        users.forEach((name, attributes) -> {
            people.add(user(file, name, attributes));
            String patient = patient(file + ": user." + name + ".patient", attributes.get("patient"));
            if (patient != null) {
                patients.put(name, patient);
            }
        });
        if (registered.isEmpty()) {
            throw new IllegalArgumentException(file + " registers no client");
        }
        return new IssuerFile(registered, people, patients);
    }

    private static RegisteredClient client(Path file, String id, Map<String, String> attributes, Duration accessTokenTtl) {
        String where = file + ": client." + id;
        Set<String> grants = list(attributes.get("grants"));
        if (grants.isEmpty()) {
            throw new IllegalArgumentException(where + ".grants is missing (client_credentials, authorization_code, refresh_token)");
        }
        String secret = attributes.get("secret");
        boolean confidential = secret != null && !secret.isEmpty();
        if (confidential) {
            encoded(where + ".secret", secret);
        }
        boolean code = grants.contains("authorization_code");
        RegisteredClient.Builder builder = RegisteredClient.withId(id).clientId(id);
        for (String grant : grants) {
            switch (grant) {
                case "client_credentials", "refresh_token" -> {
                    if (!confidential) {
                        throw new IllegalArgumentException(where + ": " + grant + " needs a secret (client." + id + ".secret)");
                    }
                }
                case "authorization_code" -> {
                    if (list(attributes.get("redirect-uris")).isEmpty()) {
                        throw new IllegalArgumentException(where + ".redirect-uris is missing (authorization_code)");
                    }
                }
                default -> throw new IllegalArgumentException(where + ".grants: unknown grant " + grant);
            }
            builder.authorizationGrantType(new AuthorizationGrantType(grant));
        }
        if (confidential) {
            builder.clientSecret(secret)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
        } else {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        list(attributes.get("redirect-uris")).forEach(builder::redirectUri);
        list(attributes.get("scopes")).forEach(builder::scope);
        return builder
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(code)  // PKCE for every code flow, public or not
                        .requireAuthorizationConsent(false)
                        .setting(ROLES_SETTING, List.copyOf(roles(where + ".roles", attributes.get("roles"))))
                        .settings(settings -> {
                            String patient = patient(where + ".patient", attributes.get("patient"));
                            if (patient != null) {
                                settings.put(PATIENT_SETTING, patient);
                            }
                        })
                        .build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(accessTokenTtl).build())
                .build();
    }

    private static UserDetails user(Path file, String name, Map<String, String> attributes) {
        String where = file + ": user." + name;
        String password = attributes.get("password");
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException(where + ".password is missing");
        }
        encoded(where + ".password", password);
        String[] authorities = roles(where + ".roles", attributes.get("roles")).stream().map(r -> Role.AUTHORITY_PREFIX + r).toArray(String[]::new);
        return User.withUsername(name).password(password).authorities(authorities).build();
    }

    private static void encoded(String where, String value) {
        if (!value.startsWith("{") || value.indexOf('}') < 2) {
            throw new IllegalArgumentException(where + " needs its encoding prefix: {noop}plain or {bcrypt}hash");
        }
    }

    private static Set<String> roles(String where, String value) {
        Set<String> roles = list(value);
        for (String role : roles) {
            if (Role.of(role).isEmpty()) {
                throw new IllegalArgumentException(where + ": unknown role " + role + " (" + Arrays.stream(Role.values())
                        .map(Role::claimValue).toList() + ")");
            }
        }
        return roles;
    }

    /** A patient context: a FHIR Patient id that names a patient exactly (null when not given). */
    private static String patient(String where, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (PatientIds.decode(value).isEmpty()) {
            throw new IllegalArgumentException(where + ": " + value + " is not the FHIR Patient id of a patient "
                    + "(the id /fhir/Patient/<id> gives)");
        }
        return value;
    }

    private static Set<String> list(String value) {
        Set<String> items = new TreeSet<>();
        if (value != null) {
            Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(items::add);
        }
        return items;
    }

    /** The patient context a client's tokens carry (client credentials grant), or null. */
    static String patient(RegisteredClient client) {
        return client.getClientSettings().getSetting(PATIENT_SETTING);
    }

    /** The role names a client's tokens carry (client credentials grant). */
    static List<String> roleNames(RegisteredClient client) {
        List<String> names = client.getClientSettings().getSetting(ROLES_SETTING);
        return names != null ? names : List.of();
    }
}
