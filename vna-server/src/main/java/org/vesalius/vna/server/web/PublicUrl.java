package org.vesalius.vna.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The base URL the server puts into its answers (STOW-RS RetrieveURL, WADO-RS BulkDataURI, FHIR
 * links and Endpoints): {@code vna.http.public-url} when set (the address clients use, e.g. of a
 * reverse proxy), else the address and port the request actually arrived on. Never the request's
 * {@code Host} header: a client could otherwise make the archive hand out links to a host of its
 * choosing (to other clients, through cached answers or stored FHIR references).
 */
@Component
public final class PublicUrl {

    private final String configured;

    PublicUrl(@Value("${vna.http.public-url:}") String configured) {
        this.configured = configured == null || configured.isBlank() ? null : validated(configured.strip());
    }

    /** Without a trailing slash, e.g. {@code https://vna.example.org} or {@code http://10.0.0.5:8080/vna}. */
    public String base(HttpServletRequest request) {
        if (configured != null) {
            return configured;
        }
        String address = request.getLocalAddr();
        String host = address.indexOf(':') >= 0 ? "[" + address + "]" : address; // IPv6 literal
        return request.getScheme() + "://" + host + ":" + request.getLocalPort() + request.getContextPath();
    }

    /** The configured URL, or null when answers use the address of each request's connection. */
    public String configured() {
        return configured;
    }

    private static String validated(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vna.http.public-url is not a URL: " + url, e);
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("vna.http.public-url must be an http(s) URL with a host and no user, query"
                    + " or fragment: " + url);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
