package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * DICOM TLS (PS3.15 Annex B): protocol versions, cipher suites and peer authentication. The
 * defaults follow the BCP 195 non-downgrading profile: TLS 1.3 and 1.2 only, ECDHE key exchange
 * with AES-GCM or ChaCha20-Poly1305.
 *
 * @param context        keys and trust anchors
 * @param protocols      enabled protocol versions
 * @param cipherSuites   enabled suites, in order of preference (those the JDK lacks are skipped)
 * @param clientAuth     what an acceptor asks of requestors' certificates
 * @param verifyHostname a requestor checks that the acceptor's certificate names the host it dialled
 */
public record TlsOptions(SSLContext context, List<String> protocols, List<String> cipherSuites, ClientAuth clientAuth,
        boolean verifyHostname) {

    /** Client certificate policy of an acceptor. */
    public enum ClientAuth {
        /** Do not ask for a client certificate. */
        NONE,
        /** Ask, but accept requestors without one. */
        WANT,
        /** Require a trusted client certificate: mutual authentication, as PS3.15 B.1 expects. */
        NEED
    }

    /** TLS 1.3 and 1.2. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** BCP 195 (RFC 9325) recommended suites: TLS 1.3 AEAD suites, then TLS 1.2 ECDHE with AEAD ciphers. */
    public static final List<String> BCP195_CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    public TlsOptions {
        Objects.requireNonNull(context, "context");
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        Objects.requireNonNull(clientAuth, "clientAuth");
        for (String p : protocols) {
            if (!p.equals("TLSv1.3") && !p.equals("TLSv1.2")) {
                throw new IllegalArgumentException("only TLSv1.2 and TLSv1.3 are allowed: " + p);
            }
        }
    }

    /** BCP 195 defaults: client certificates required, host names verified. */
    public static TlsOptions of(SSLContext context) {
        return new TlsOptions(context, PROTOCOLS, BCP195_CIPHER_SUITES, ClientAuth.NEED, true);
    }

    /**
     * An SSL context from a key store (our certificate and private key) and a trust store (the
     * certificates or CAs we trust); either may be null.
     */
    public static SSLContext sslContext(KeyStore keyStore, char[] keyPassword, KeyStore trustStore)
            throws GeneralSecurityException, IOException {
        KeyManagerFactory kmf = null;
        if (keyStore != null) {
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, keyPassword);
        }
        TrustManagerFactory tmf = null;
        if (trustStore != null) {
            tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf != null ? kmf.getKeyManagers() : null, tmf != null ? tmf.getTrustManagers() : null, null);
        return context;
    }

    public TlsOptions withClientAuth(ClientAuth auth) {
        return new TlsOptions(context, protocols, cipherSuites, auth, verifyHostname);
    }

    public TlsOptions withVerifyHostname(boolean verify) {
        return new TlsOptions(context, protocols, cipherSuites, clientAuth, verify);
    }

    public TlsOptions withProtocols(List<String> enabled) {
        return new TlsOptions(context, enabled, cipherSuites, clientAuth, verifyHostname);
    }

    public TlsOptions withCipherSuites(List<String> enabled) {
        return new TlsOptions(context, protocols, enabled, clientAuth, verifyHostname);
    }
}
