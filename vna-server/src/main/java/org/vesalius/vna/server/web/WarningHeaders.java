package org.vesalius.vna.server.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.vesalius.vna.archive.dicomweb.Warnings;

/** DICOMweb's {@code Warning: 299} response headers, as {@link Warnings} forms them. */
public final class WarningHeaders {

    private WarningHeaders() {
    }

    /** Adds one {@code Warning} header per text (at most ten). */
    public static void add(HttpServletResponse response, List<String> texts) {
        Warnings.values(texts).forEach(v -> response.addHeader("Warning", v));
    }
}
