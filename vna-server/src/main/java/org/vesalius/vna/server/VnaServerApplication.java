package org.vesalius.vna.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.vesalius.vna.server.maintenance.MaintenanceCommands;

/**
 * The Vesalius server: one process with the blob store, the index, ingest (C-STORE SCP, STOW-RS)
 * and the health and status endpoints. Configuration: {@code vna.*} properties (README). The same
 * jar runs the maintenance commands ({@link MaintenanceCommands}).
 */
@SpringBootApplication
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
