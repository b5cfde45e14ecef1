package org.vesalius.vna.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Vesalius server: one process with the blob store, the index, ingest (C-STORE SCP, STOW-RS)
 * and the health and status endpoints. Configuration: {@code vna.*} properties (README).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VnaServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(VnaServerApplication.class, args);
    }
}
