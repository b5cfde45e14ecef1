package org.vesalius.vna.fhir;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.Locale;

/** The {@code Prefer} header's {@code handling} (FHIR search: strict or lenient, lenient by default). */
final class Prefer {

    private Prefer() {
    }

    static boolean strict(RequestDetails request) {
        List<String> values = request.getHeaders("Prefer");
        if (values == null) {
            return false;
        }
        for (String v : values) {
            for (String part : v.split("[,;]")) {
                if (part.strip().toLowerCase(Locale.ROOT).replace(" ", "").equals("handling=strict")) {
                    return true;
                }
            }
        }
        return false;
    }
}
