package org.vesalius.dicom.net.service;

import java.util.Objects;
import org.vesalius.dicom.net.ul.AssociationOptions;
import org.vesalius.dicom.net.ul.TlsOptions;

/**
 * Where a C-MOVE destination AE listens, and how to associate with it.
 *
 * @param aeTitle the destination's AE title (called AE title of the sub-association)
 * @param host    host name or address
 * @param port    port
 * @param options association options for the sub-association (timeouts, PDU sizes)
 * @param tls     DICOM TLS settings, or null for plain TCP
 */
public record MoveDestination(String aeTitle, String host, int port, AssociationOptions options, TlsOptions tls) {

    public MoveDestination {
        Objects.requireNonNull(aeTitle, "aeTitle");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** A plain TCP destination with {@link AssociationOptions#DEFAULT}. */
    public static MoveDestination of(String aeTitle, String host, int port) {
        return new MoveDestination(aeTitle, host, port, AssociationOptions.DEFAULT, null);
    }
}
