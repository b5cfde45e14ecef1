package org.vesalius.vna.server.dicomweb;

import java.util.Locale;

/** Reads an {@code Accept-Encoding} header (RFC 9110 §12.5.3) for gzip. */
final class AcceptEncoding {

    private AcceptEncoding() {
    }

    /** True when {@code header} accepts gzip (named, or {@code *}) with a q-value above 0. */
    static boolean allowsGzip(String header) {
        if (header == null) {
            return false;
        }
        boolean star = false;
        for (String item : header.split(",")) {
            String[] parts = item.split(";");
            String coding = parts[0].strip().toLowerCase(Locale.ROOT);
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 1;
                    }
                }
            }
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                return q > 0;
            }
            star |= coding.equals("*") && q > 0;
        }
        return star;
    }
}
