package org.vesalius.vna.fhir;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The search parameters of one request as the facade reads them: raw names (with modifiers and
 * chains) to their values, each value split into its comma-separated alternatives. They are also
 * what a page link carries: {@link #encode()} packs the search (not the page) into the id HAPI
 * puts in {@code _getpages}, so any node can answer any page with no stored state.
 */
record SearchParameters(String resourceType, Map<String, List<String>> values) {

    /** Result parameters HAPI handles itself (and puts into page links), or that only shape the response. */
    static final Set<String> RESPONSE_PARAMETERS = Set.of("_include", "_elements", "_format",
            "_pretty", "_getpages", "_pageId", "_getpagesoffset", "_bundletype", "_elements:exclude");

    /** Result parameters the search keeps (a page link carries them inside the search id). */
    static final Set<String> PAGING_PARAMETERS = Set.of("_count", "_total", "_summary");

    SearchParameters {
        values = new TreeMap<>(values);
    }

    static SearchParameters of(String resourceType, Map<String, String[]> raw) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        raw.forEach((name, vals) -> {
            if (!RESPONSE_PARAMETERS.contains(name)) {
                values.put(name, List.of(vals));
            }
        });
        return new SearchParameters(resourceType, values);
    }

    /** The search as one url-safe token (resource type and parameters, sorted). */
    String encode() {
        StringBuilder b = new StringBuilder(resourceType);
        values.forEach((name, vals) -> vals.forEach(v -> b.append('\n').append(name).append('=').append(v)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.toString().getBytes(StandardCharsets.UTF_8));
    }

    static SearchParameters decode(String token) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("_getpages: not a search this server gave out");
        }
        String[] lines = text.split("\n", -1);
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int eq = lines[i].indexOf('=');
            if (eq < 1) {
                throw new InvalidRequestException("_getpages: not a search this server gave out");
            }
            values.computeIfAbsent(lines[i].substring(0, eq), k -> new ArrayList<>()).add(lines[i].substring(eq + 1));
        }
        return new SearchParameters(lines[0], values);
    }

    /** The alternatives of a value: split at commas not escaped by a backslash, unescaped. */
    static List<String> alternatives(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                cur.append(value.charAt(++i));
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** The first value of a parameter, or null. */
    String first(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** A token {@code [system|]code}: system null when absent, "" for {@code |code}. */
    record Token(String system, String code) {
        static Token parse(String value) {
            int bar = value.indexOf('|');
            return bar < 0 ? new Token(null, value) : new Token(value.substring(0, bar), value.substring(bar + 1));
        }
    }
}
