package org.vesalius.vna.server.web;

import java.net.InetAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.server.Ssl;
import org.springframework.context.annotation.Configuration;

/**
 * Where HTTP may listen (issue 13): on a loopback address anything goes (the default,
 * {@code server.address=127.0.0.1}); on any other address, all interfaces included, only with
 * TLS ({@code server.ssl.*}, e.g. {@code server.ssl.bundle}) and required tokens
 * ({@code vna.security.enabled=true}). Otherwise the server refuses to start, naming what is
 * missing, unless {@code vna.security.insecure=true}, which serves anyway and says so loudly at
 * every start. Checked while the context is built, before the connector binds its port.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class HttpExposure {

    private static final Logger LOG = LoggerFactory.getLogger(HttpExposure.class);

    HttpExposure(ServerProperties server, @Value("${vna.security.enabled:false}") boolean tokensRequired,
            @Value("${vna.security.insecure:false}") boolean insecure) {
        String problem = problem(server.getAddress(), Ssl.isEnabled(server.getSsl()), tokensRequired);
        if (problem == null) {
            return;
        }
        if (!insecure) {
            throw new IllegalStateException(problem + ". Any host could read and change the archive. Set both, or bind "
                    + "127.0.0.1 (server.address), or set vna.security.insecure=true to serve anyway");
        }
        LOG.warn("INSECURE: vna.security.insecure=true: {}. Any host on the network can reach the archive. "
                + "Do not run a real archive like this.", problem);
    }

    /**
     * What is wrong with serving HTTP on {@code address} (null: every interface), or null when
     * nothing is: a non-loopback address needs TLS and required tokens.
     */
    static String problem(InetAddress address, boolean tls, boolean tokensRequired) {
        if (address != null && address.isLoopbackAddress() || tls && tokensRequired) {
            return null;
        }
        String where = address == null || address.isAnyLocalAddress() ? "every interface" : address.getHostAddress();
        String missing = !tls && !tokensRequired ? "without TLS (server.ssl.bundle) and without tokens (vna.security.enabled=true)"
                : !tls ? "without TLS (server.ssl.bundle)" : "without tokens (vna.security.enabled=true)";
        return "HTTP listens on " + where + " (server.address), not loopback, " + missing;
    }
}
