package org.vesalius.vna.hl7.notify;

import java.util.Objects;

/**
 * An MLLP receiver told of studies (the EHR's interface engine).
 *
 * @param name its name in the outbox (and in {@code vna.hl7.notify.destinations})
 * @param host its host
 * @param port its MLLP port
 */
public record Destination(String name, String host, int port) {

    public Destination {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        if (!name.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("destination name must be 1-64 letters, digits, '_', '.', '-': " + name);
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("destination " + name + ": port " + port + " is not a TCP port");
        }
    }

    @Override
    public String toString() {
        return name + " (" + host + ":" + port + ")";
    }
}
