package org.vesalius.vna.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
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

    /** Starts the server, or with {@code reindex} or {@code verify} first runs that command and exits. */
    public static void main(String[] args) {
        if (MaintenanceCommands.isCommand(args)) {
            System.exit(MaintenanceCommands.run(args, System.out));
        }
        SpringApplication.run(VnaServerApplication.class, args);
    }
}
