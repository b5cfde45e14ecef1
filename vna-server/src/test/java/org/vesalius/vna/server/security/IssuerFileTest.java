package org.vesalius.vna.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.vesalius.vna.archive.api.PatientId;
import org.vesalius.vna.fhir.PatientIds;

/** The issuer file's patient contexts and scopes: read for clients and users, a wrong one named. */
class IssuerFileTest {

    static final String ALICE = PatientIds.of(new PatientId("A-1", "HOSP"));
    /** A Patient ID and issuer over 47 bytes: a 64-character (hashed) id. */
    static final String LONG = PatientIds.of(new PatientId("P".repeat(60), "HOSP"));

    @TempDir
    Path dir;

    @Test
    void aClientAndAUserCarryTheirPatientAndTheClientItsScopes() throws IOException {
        IssuerFile file = read("""
                client.portal.secret={noop}s
                client.portal.grants=client_credentials
                client.portal.roles=referrer
                client.portal.patient=%1$s
                client.portal.scopes=patient/ImagingStudy.rs, patient/Patient.rs
                client.scripts.secret={noop}t
                client.scripts.grants=client_credentials
                client.scripts.roles=reader
                user.jane.password={noop}p
                user.jane.roles=referrer
                user.jane.patient=%1$s
                user.admin.password={noop}q
                user.admin.roles=admin
                user.long.password={noop}r
                user.long.patient=%2$s
                """.formatted(ALICE, LONG));

        RegisteredClient portal = file.clients().stream().filter(c -> c.getClientId().equals("portal")).findFirst().orElseThrow();
        RegisteredClient scripts = file.clients().stream().filter(c -> c.getClientId().equals("scripts")).findFirst().orElseThrow();
        assertThat(IssuerFile.patient(portal)).isEqualTo(ALICE);
        assertThat(portal.getScopes()).containsExactlyInAnyOrder("patient/ImagingStudy.rs", "patient/Patient.rs");
        assertThat(IssuerFile.patient(scripts)).isNull();
        assertThat(file.userPatients()).isEqualTo(java.util.Map.of("jane", ALICE, "long", LONG));
    }

    @Test
    void aPatientThatIsNoFhirIdOfAPatientStopsTheServerNamingTheLine() {
        for (String wrong : new String[] {"A-1", "not an id", "x".repeat(65), "!"}) {
            assertThatThrownBy(() -> read("""
                    client.portal.secret={noop}s
                    client.portal.grants=client_credentials
                    client.portal.patient=%s
                    """.formatted(wrong)))
                    .as(wrong).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client.portal.patient");
        }
        assertThatThrownBy(() -> read("""
                client.c.secret={noop}s
                client.c.grants=client_credentials
                user.jane.password={noop}p
                user.jane.patient=???
                """)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("user.jane.patient");
    }

    private IssuerFile read(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("issuer.properties"), text);
        return IssuerFile.read(file, Duration.ofMinutes(5));
    }
}
