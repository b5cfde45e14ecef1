package org.vesalius.vna.archive.dicomweb;

import java.util.Objects;

/**
 * What of an HTTP retrieve request matters besides its path.
 *
 * @param accept      the Accept header (null: anything)
 * @param ifNoneMatch the If-None-Match header (null: none)
 * @param range       the Range header (null: none)
 * @param baseUrl     the DICOMweb base as the client sees it, scheme, host and port included
 *                    ({@code https://pacs.example:8443/dicomweb}): retrieve and bulk data URIs
 *                    are built on it
 */
public record WadoRequest(String accept, String ifNoneMatch, String range, String baseUrl) {

    public WadoRequest {
        Objects.requireNonNull(baseUrl, "baseUrl");
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
