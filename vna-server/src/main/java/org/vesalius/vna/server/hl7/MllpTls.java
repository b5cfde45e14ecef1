package org.vesalius.vna.server.hl7;

import java.util.Locale;
import org.apache.camel.support.jsse.ClientAuthentication;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.springframework.boot.ssl.SslBundle;

/**
 * MLLP over TLS from a Spring SSL bundle ({@code vna.hl7.tls.bundle}, as the DICOM TLS listener
 * takes one): the bundle's key store becomes camel-mllp's key managers, its trust store (when it has
 * one) the certificates a sender's certificate is checked against.
 */
final class MllpTls {

    private MllpTls() {
    }

    /**
     * camel-mllp's TLS parameters of {@code bundle}.
     *
     * @param clientAuth {@code none}, {@code want} or {@code need} (a sender's certificate)
     */
    static SSLContextParameters parameters(SslBundle bundle, String clientAuth) {
        KeyStoreParameters keyStore = new KeyStoreParameters();
        keyStore.setKeyStore(bundle.getStores().getKeyStore());
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(keyStore);
        String keyPassword = bundle.getKey().getPassword() != null ? bundle.getKey().getPassword() : bundle.getStores().getKeyStorePassword();
        if (keyPassword != null) {
            keys.setKeyPassword(keyPassword);
        }
        SSLContextParameters tls = new SSLContextParameters();
        tls.setKeyManagers(keys);
        if (bundle.getStores().getTrustStore() != null) {
            KeyStoreParameters trustStore = new KeyStoreParameters();
            trustStore.setKeyStore(bundle.getStores().getTrustStore());
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(trustStore);
            tls.setTrustManagers(trust);
        }
        SSLContextServerParameters server = new SSLContextServerParameters();
        server.setClientAuthentication(switch (clientAuth.toLowerCase(Locale.ROOT)) {
            case "none" -> ClientAuthentication.NONE.name();
            case "want" -> ClientAuthentication.WANT.name();
            case "need" -> ClientAuthentication.REQUIRE.name();
            default -> throw new IllegalArgumentException("vna.hl7.tls.client-auth must be none, want or need: " + clientAuth);
        });
        tls.setServerParameters(server);
        if (bundle.getProtocol() != null) {
            tls.setSecureSocketProtocol(bundle.getProtocol());
        }
        return tls;
    }
}
