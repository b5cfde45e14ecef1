package org.vesalius.dicom.net.ul;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** Applies {@link TlsOptions} to JSSE sockets. */
final class TlsSockets {

    private TlsSockets() {
    }

    /** A listening socket that speaks TLS with our settings. */
    static ServerSocket serverSocket(TlsOptions tls) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) tls.context().getServerSocketFactory().createServerSocket();
        SSLParameters params = socket.getSSLParameters();
        configure(params, tls, socket.getSupportedProtocols(), socket.getSupportedCipherSuites());
        switch (tls.clientAuth()) {
            case NEED -> params.setNeedClientAuth(true);
            case WANT -> params.setWantClientAuth(true);
            case NONE -> params.setNeedClientAuth(false);
        }
        socket.setSSLParameters(params);
        return socket;
    }

    /** Layers TLS over a connected socket, as client; the handshake is left to the caller. */
    static SSLSocket clientSocket(Socket connected, InetSocketAddress remote, TlsOptions tls) throws IOException {
        SSLSocket socket = (SSLSocket) tls.context().getSocketFactory().createSocket(connected, remote.getHostString(),
                remote.getPort(), true);
        SSLParameters params = socket.getSSLParameters();
        configure(params, tls, socket.getSupportedProtocols(), socket.getSupportedCipherSuites());
        if (tls.verifyHostname()) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        socket.setSSLParameters(params);
        socket.setUseClientMode(true);
        return socket;
    }

    private static void configure(SSLParameters params, TlsOptions tls, String[] supportedProtocols, String[] supportedSuites) {
        params.setProtocols(intersect(tls.protocols(), supportedProtocols, "protocol"));
        params.setCipherSuites(intersect(tls.cipherSuites(), supportedSuites, "cipher suite"));
        params.setUseCipherSuitesOrder(true);
    }

    private static String[] intersect(List<String> wanted, String[] supported, String what) {
        Set<String> available = Set.of(supported);
        String[] usable = wanted.stream().filter(available::contains).toArray(String[]::new);
        if (usable.length == 0) {
            throw new IllegalStateException("no " + what + " of " + wanted + " is supported; available: "
                    + Arrays.toString(supported));
        }
        return usable;
    }
}
