package org.vesalius.vna.server.dimse;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.vesalius.dicom.data.UID;
import org.vesalius.dicom.net.service.DimseClient;
import org.vesalius.dicom.net.ul.Association;
import org.vesalius.dicom.net.ul.AssociationRequest;
import org.vesalius.dicom.net.ul.DicomClient;
import org.vesalius.dicom.net.ul.PresentationContext;
import org.vesalius.dicom.net.ul.pdu.PresentationContextResult;
import org.vesalius.dicom.net.ul.pdu.UserIdentityRequest;
import org.vesalius.vna.archive.ingest.TestObjects;
import org.vesalius.vna.server.ServerTestSupport;

/**
 * User Identity negotiation (PS3.7 D.3.3.7) with {@code vna.dicom.user-identity=required} and
 * the embedded issuer, against dcmtk's {@code storescu} (its only SCU with user identity options)
 * and our own client: a user name and
 * password of the issuer's users, or a JWT the issuer signed, is accepted, with the rights of the
 * user's roles (an ingest user stores, a reader only echoes here, an hl7-feed user nothing); a
 * wrong password, an unknown user, no identity, an expired token, a token signed with another key
 * or of another issuer are rejected (1, 2, 1), each reaching the {@link DimseRefusalListener}s
 * with the user it claimed. An AE whose access entry says {@code user-identity=none} keeps
 * working without one. Skipped without dcmtk.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DimseUserIdentityIT {

    static final String ISSUER = "http://issuer.vesalius.test";
    private static final List<DimseRefusal> REFUSALS = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ServerTestSupport.tempBlobRoot(registry);
        Path issuerFile = Files.createTempFile("vna-issuer-", ".properties");
        String bcrypt = new BCryptPasswordEncoder().encode("tech-pw");
        Files.writeString(issuerFile, """
                client.modality.secret={noop}modality-secret
                client.modality.grants=client_credentials
                client.modality.roles=ingest
                user.tech.password={bcrypt}%s
                user.tech.roles=ingest
                user.ingester.password={noop}ingest-pw
                user.ingester.roles=ingest
                user.radiologist.password={noop}reader-pw
                user.radiologist.roles=reader
                user.feed.password={noop}feed-pw
                user.feed.roles=hl7-feed
                """.formatted(bcrypt));
        registry.add("vna.security.issuer-uri", () -> ISSUER);
        registry.add("vna.security.embedded-issuer.enabled", () -> "true");
        registry.add("vna.security.embedded-issuer.file", issuerFile::toString);
        registry.add("vna.dicom.user-identity", () -> "required");
        registry.add("vna.dicom.access.STORESCU.rights", () -> "echo,store,find");
        registry.add("vna.dicom.access.ECHOSCU.rights", () -> "echo,store,find");
        registry.add("vna.dicom.access.LEGACY.rights", () -> "echo,store");
        registry.add("vna.dicom.access.LEGACY.user-identity", () -> "none");
    }

    @TestConfiguration
    static class Recording {
        @Bean
        DimseRefusalListener recordingRefusals() {
            return REFUSALS::add;
        }
    }

    @Autowired
    DicomListener listener;

    @Autowired
    JWKSource<SecurityContext> issuerKeys;

    @LocalServerPort
    int httpPort;

    private Path work;
    private Path instance;

    @BeforeAll
    void start() throws Exception {
        org.vesalius.testsupport.peers.Dcmtk.require("echoscu", "storescu");
        work = Files.createTempDirectory("vna-user-identity-it");
        instance = work.resolve("ct.dcm");
        Files.write(instance, TestObjects.part10(TestObjects.ct("1.2.826.0.1.3680043.2.1125.1.1.78", "IDENTITY-1", null, 64, 7)));
    }

    @Test
    void aUserOfTheIssuerWithItsPasswordStores() throws Exception {
        Dcmtk.Result store = storescu("STORESCU", "--user", "ingester", "--password", "ingest-pw", "--pos-response");
        assertThat(store.exitCode()).as(store.output()).isZero();
        assertThat(store.output()).doesNotContain("Association Rejected");
        // a hashed password (Spring's PasswordEncoder, {bcrypt})
        Dcmtk.Result hashed = storescu("STORESCU", "--user", "tech", "--password", "tech-pw");
        assertThat(hashed.exitCode()).as(hashed.output()).isZero();
        assertRejected(storescu("STORESCU", "--user", "tech", "--password", "tech-PW"));
    }

    @Test
    void aWrongPasswordAnUnknownUserAndNoIdentityAreRejected() throws Exception {
        assertRejected(storescu("STORESCU", "--user", "ingester", "--password", "wrong"));
        assertRejected(storescu("STORESCU", "--user", "nobody", "--password", "ingest-pw"));
        assertRejected(storescu("STORESCU", "--user", "ingester", "--empty-password"));
        assertRejected(storescu("STORESCU", "--user", "ingester")); // a user name alone proves nothing
        assertRejected(storescu("STORESCU"));
        assertThat(refusals("ingester")).hasSize(3).extracting(DimseRefusal::reason).containsOnly(DimseRefusal.Reason.USER_NOT_AUTHENTICATED);
        assertThat(refusals("nobody")).extracting(DimseRefusal::reason).containsExactly(DimseRefusal.Reason.USER_NOT_AUTHENTICATED);
        assertThat(REFUSALS).anySatisfy(r -> {
            assertThat(r.reason()).isEqualTo(DimseRefusal.Reason.USER_IDENTITY_MISSING);
            assertThat(r.callingAeTitle()).isEqualTo("STORESCU");
            assertThat(r.user()).isNull();
        });
    }

    @Test
    void theRolesOfTheUserLimitItsServices() throws Exception {
        // reader: echo (and find, move, get), but not store: of Verification and CT Image Storage the
        // storage context is user-rejected (dcmtk's echoscu sends no user identity: our own client does)
        DimseClient client = DimseClient.of(DicomClient.builder().build());
        try (Association as = client.connect("127.0.0.1", listener.port(), AssociationRequest.builder("ECHOSCU", "VESALIUS")
                .propose(UID.Verification, UID.ImplicitVRLittleEndian).propose(TestObjects.CT, UID.ImplicitVRLittleEndian)
                .userIdentity(UserIdentityRequest.usernameAndPasscode("radiologist", "reader-pw", true)).build())) {
            assertThat(as.presentationContexts()).extracting(PresentationContext::result).containsExactly(
                    PresentationContextResult.Result.ACCEPTANCE, PresentationContextResult.Result.USER_REJECTION);
            assertThat(as.userIdentityResponse()).hasValueSatisfying(r -> assertThat(r.serverResponse()).isEmpty());
            assertThat(client.echo(as).status().code()).isZero();
            as.release();
        }
        Dcmtk.Result store = storescu("STORESCU", "--user", "radiologist", "--password", "reader-pw");
        assertThat(store.exitCode()).as(store.output()).isNotZero();
        // hl7-feed: nothing at all on DIMSE
        assertRejected(storescu("STORESCU", "--user", "feed", "--password", "feed-pw"));
        assertThat(refusals("feed")).extracting(DimseRefusal::reason).containsExactly(DimseRefusal.Reason.USER_WITHOUT_RIGHTS);
    }

    @Test
    void aTokenOfTheIssuerStoresAndExpiredOrForgedTokensAreRejected() throws Exception {
        Dcmtk.Result store = storescu("STORESCU", "--jwt", token(clientCredentialsToken("modality", "modality-secret")).toString(),
                "--pos-response");
        assertThat(store.exitCode()).as(store.output()).isZero();
        Instant now = Instant.now();
        List<String> bad = List.of(sign(issuerKeys, ISSUER, now.minus(Duration.ofHours(2)), "ingest"), // expired
                sign(otherKeys(), ISSUER, now, "ingest"), // signed with another key
                sign(issuerKeys, "http://elsewhere.test", now, "ingest"), // another issuer
                "not-a-token");
        for (String token : bad) {
            assertRejected(storescu("STORESCU", "--jwt", token(token).toString()));
        }
        assertThat(REFUSALS.stream().filter(r -> r.reason() == DimseRefusal.Reason.USER_NOT_AUTHENTICATED && r.user() == null))
                .hasSizeGreaterThanOrEqualTo(bad.size());
    }

    @Test
    void anAeThatNeedsNoIdentityStoresWithout() throws Exception {
        // its own instance: the archive keeps the calling AE in the file, so the same one from another AE differs
        Path legacy = work.resolve("legacy.dcm");
        Files.write(legacy, TestObjects.part10(TestObjects.ct("1.2.826.0.1.3680043.2.1125.1.1.79", "IDENTITY-1", null, 64, 7)));
        Dcmtk.Result store = dcmtk("storescu", "-aet", "LEGACY", legacy.toString());
        assertThat(store.exitCode()).as(store.output()).isZero();
    }

    private static void assertRejected(Dcmtk.Result result) {
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        // (1, 2, 1): rejected-permanent, service-provider (ACSE related function), no-reason-given
        assertThat(result.output()).contains("Association Rejected").containsIgnoringCase("Rejected Permanent")
                .containsIgnoringCase("ACSE").containsIgnoringCase("No Reason");
    }

    private static List<DimseRefusal> refusals(String user) {
        return REFUSALS.stream().filter(r -> user.equals(r.user())).toList();
    }

    private Path token(String value) throws Exception {
        Path file = Files.createTempFile(work, "token-", ".jwt");
        Files.writeString(file, value);
        return file;
    }

    private Dcmtk.Result storescu(String callingAe, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-v", "-aet", callingAe));
        cmd.addAll(List.of(options));
        cmd.add(instance.toString());
        return dcmtk(cmd.toArray(String[]::new));
    }

    /** A dcmtk SCU calling VESALIUS on the listener; a storescu's files come after host and port. */
    private Dcmtk.Result dcmtk(String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(command));
        String file = cmd.get(0).equals("storescu") ? cmd.remove(cmd.size() - 1) : null;
        cmd.add(1, "-aec");
        cmd.add(2, "VESALIUS");
        cmd.add("127.0.0.1");
        cmd.add(Integer.toString(listener.port()));
        if (file != null) {
            cmd.add(file);
        }
        return Dcmtk.run(cmd);
    }

    private String clientCredentialsToken(String client, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + httpPort + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(response.body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    /** A token signed with Spring's encoder (never by hand). */
    private static String sign(JWKSource<SecurityContext> keys, String issuer, Instant issuedAt, String... roles) {
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).subject("forger").issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(Duration.ofMinutes(5))).claim("roles", List.of(roles)).build();
        return new NimbusJwtEncoder(keys).encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }

    private static JWKSource<SecurityContext> otherKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        return new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate()).keyID(UUID.randomUUID().toString()).build()));
    }
}
