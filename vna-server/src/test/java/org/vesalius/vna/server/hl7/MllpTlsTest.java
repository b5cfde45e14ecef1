package org.vesalius.vna.server.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;

/** A Spring SSL bundle as camel-mllp's TLS parameters: the key, the trust store, the client certificate rule. */
class MllpTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    @Test
    void theBundlesKeyServesAndClientAuthIsAsConfigured() throws Exception {
        Path keystore = dir.resolve("hl7.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "hl7", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0).isTrue();
        JksSslStoreDetails store = new JksSslStoreDetails("PKCS12", null, "file:" + keystore, PASSWORD);
        SslBundle bundle = SslBundle.of(new JksSslStoreBundle(store, store), SslBundleKey.of(PASSWORD));

        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            SSLContext need = MllpTls.parameters(bundle, "need").createSSLContext(camel);
            try (SSLServerSocket server = (SSLServerSocket) need.getServerSocketFactory().createServerSocket(0)) {
                assertThat(server.getNeedClientAuth()).isTrue();
            }
            SSLContext none = MllpTls.parameters(bundle, "none").createSSLContext(camel);
            try (SSLServerSocket server = (SSLServerSocket) none.getServerSocketFactory().createServerSocket(0)) {
                assertThat(server.getNeedClientAuth()).isFalse();
                assertThat(server.getWantClientAuth()).isFalse();
            }
        }
        assertThatThrownBy(() -> MllpTls.parameters(bundle, "sometimes")).hasMessageContaining("none, want or need");
    }
}
