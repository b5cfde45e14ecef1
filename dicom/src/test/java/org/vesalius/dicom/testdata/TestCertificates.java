package org.vesalius.dicom.testdata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed EC certificates made at test time with the JDK's keytool, as PKCS#12 key stores for
 * Java and as PEM files (certificate, unencrypted PKCS#8 key) for dcmtk.
 */
public final class TestCertificates {

    /** The store and key password of every generated key store. */
    public static final char[] PASSWORD = "changeit".toCharArray();

    /** One generated identity. */
    public record Identity(Path keyStore, Path certificatePem, Path privateKeyPem) {

        public KeyStore load() throws IOException, GeneralSecurityException {
            return TestCertificates.load(keyStore);
        }
    }

    private TestCertificates() {
    }

    /** A key pair and self-signed certificate for {@code commonName} with the given subject alternative names. */
    public static Identity generate(Path dir, String alias, String commonName, String subjectAltNames)
            throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve(alias + ".p12");
        List<String> cmd = new ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", alias, "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=" + commonName, "-validity", "2", "-ext", "bc:c",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(PASSWORD),
                "-keypass", new String(PASSWORD)));
        if (subjectAltNames != null) {
            cmd.addAll(List.of("-ext", "san=" + subjectAltNames));
        }
        run(cmd);
        Path cert = dir.resolve(alias + ".pem");
        run(List.of(keytool(), "-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(), "-storepass",
                new String(PASSWORD), "-file", cert.toString()));
        Key key = load(store).getKey(alias, PASSWORD);
        Path keyPem = dir.resolve(alias + ".key");
        Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new Identity(store, cert, keyPem);
    }

    /** A trust store holding the certificates of the given identities. */
    public static KeyStore trustStore(Identity... trusted) throws IOException, GeneralSecurityException {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        for (Identity id : trusted) {
            KeyStore ks = id.load();
            String alias = ks.aliases().nextElement();
            ts.setCertificateEntry(alias, ks.getCertificate(alias));
        }
        return ts;
    }

    private static KeyStore load(Path store) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(cmd + " failed: " + out);
        }
    }
}
