package org.vesalius.vna.server;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.vesalius.vna.hl7.tool.Hl7Send;
import org.vesalius.vna.server.maintenance.MaintenanceCommands;

/**
 * The Vesalius server: one process with the blob store, the index, ingest (C-STORE SCP, STOW-RS)
 * and the health and status endpoints. Configuration: {@code vna.*} properties (README). The same
 * jar runs the maintenance commands ({@link MaintenanceCommands}).
 */
// Security is configured by vna.security.* alone (package security): Spring Boot's defaults would
// lock every endpoint behind a generated password, or start an authorisation server of their own.
@SpringBootApplication(exclude = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class,
    ManagementWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class,
    OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class})
@ConfigurationPropertiesScan
public class VnaServerApplication {

    /**
     * Starts the server; with {@code reindex} or {@code verify} runs that command and exits; with
     * {@code hl7 send FILE...} sends HL7 messages to a running server's MLLP listener and exits.
     */
    public static void main(String[] args) {
        if (args.length >= 2 && args[0].equals("hl7") && args[1].equals("send")) {
            System.exit(Hl7Send.run(Arrays.copyOfRange(args, 2, args.length), System.out));
        }
        if (MaintenanceCommands.isCommand(args)) {
            System.exit(MaintenanceCommands.run(args, System.out));
        }
        SpringApplication.run(VnaServerApplication.class, args);
    }
}
