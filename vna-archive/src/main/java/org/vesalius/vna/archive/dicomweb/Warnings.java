package org.vesalius.vna.archive.dicomweb;

import java.util.ArrayList;
import java.util.List;

/**
 * DICOMweb's {@code Warning: 299} response headers (PS3.18 8.3.5.1, in RFC 7234 form), one per
 * text. Texts are reduced to printable ASCII and quoted; only the first ten are sent, so a body
 * with thousands of failed parts cannot blow up the header block.
 */
public final class Warnings {

    /** The agent named in every warning. */
    public static final String AGENT = "vesalius";

    private static final int MAX = 10;

    private Warnings() {
    }

    /** The {@code Warning} header values for {@code texts} (at most ten). */
    public static List<String> values(List<String> texts) {
        List<String> out = new ArrayList<>(Math.min(texts.size(), MAX));
        for (int i = 0; i < texts.size() && i < MAX; i++) {
            String text = texts.get(i).replaceAll("[^\\x20-\\x7e]", "?").replace("\\", "\\\\").replace("\"", "\\\"");
            out.add("299 " + AGENT + " \"" + text + "\"");
        }
        return out;
    }
}
