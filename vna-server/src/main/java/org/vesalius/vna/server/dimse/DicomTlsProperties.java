package org.vesalius.vna.server.dimse;

import org.vesalius.dicom.net.ul.TlsOptions;

/**
 * {@code vna.dicom.tls.*}: a second DICOM listener speaking DICOM TLS (PS3.15 B.1, the BCP 195
 * non-downgrading profile: TLS 1.3 and 1.2, ECDHE with AEAD ciphers) beside the plain one, with the
 * same AE title, services, access list and limits (counted per listener).
 *
 * @param port       its port; -1 (the default): no TLS listener; 0: any free port (tests)
 * @param bundle     the Spring Boot SSL bundle ({@code spring.ssl.bundle.pem.<name>.*} or {@code .jks.<name>.*})
 *                   with our certificate and key, and as trust store the certificates (or CAs) of the clients
 * @param clientAuth whether requestors must present a trusted certificate: {@code NEED} (the default, mutual
 *                   authentication as PS3.15 B.1 expects), {@code WANT}, {@code NONE}
 */
public record DicomTlsProperties(Integer port, String bundle, TlsOptions.ClientAuth clientAuth) {

    public DicomTlsProperties {
        port = port == null ? -1 : port;
        clientAuth = clientAuth == null ? TlsOptions.ClientAuth.NEED : clientAuth;
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("vna.dicom.tls.port must be -1 (off), 0 (any) or a port: " + port);
        }
        if (port >= 0 && (bundle == null || bundle.isBlank())) {
            throw new IllegalArgumentException("vna.dicom.tls.port is set: vna.dicom.tls.bundle must name a Spring SSL "
                    + "bundle (spring.ssl.bundle.pem.<name>.keystore.certificate, .private-key, .truststore.certificate)");
        }
    }

    /** Whether the TLS listener runs. */
    boolean enabled() {
        return port >= 0;
    }
}
