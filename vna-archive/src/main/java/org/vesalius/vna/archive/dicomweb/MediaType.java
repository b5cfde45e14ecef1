package org.vesalius.vna.archive.dicomweb;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed media type (RFC 9110 §8.3.1): {@code type/subtype} in lower case, and parameters
 * with lower-case names and unquoted values.
 */
public record MediaType(String type, String subtype, Map<String, String> parameters) {

    public MediaType {
        parameters = Map.copyOf(parameters);
    }

    /** {@code type/subtype}. */
    public String essence() {
        return type + "/" + subtype;
    }

    /** A parameter's value, by case-insensitive name. */
    public Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * Parses {@code value}.
     *
     * @return empty when it is absent or not a media type
     */
    public static Optional<MediaType> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int semi = value.indexOf(';');
        String essence = (semi < 0 ? value : value.substring(0, semi)).strip().toLowerCase(Locale.ROOT);
        int slash = essence.indexOf('/');
        if (slash <= 0 || slash == essence.length() - 1 || !isToken(essence.substring(0, slash))
                || !isToken(essence.substring(slash + 1))) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = semi < 0 ? value.length() : semi + 1;
        while (i < value.length()) {
            int eq = value.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = value.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            String v;
            if (i < value.length() && value.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < value.length() && value.charAt(i) != '"') {
                    char c = value.charAt(i);
                    if (c == '\\' && i + 1 < value.length()) {
                        c = value.charAt(++i);
                    }
                    sb.append(c);
                    i++;
                }
                v = sb.toString();
                int next = value.indexOf(';', i);
                i = next < 0 ? value.length() : next + 1;
            } else {
                int next = value.indexOf(';', i);
                v = value.substring(i, next < 0 ? value.length() : next).strip();
                i = next < 0 ? value.length() : next + 1;
            }
            if (!name.isEmpty()) {
                params.putIfAbsent(name, v);
            }
        }
        return Optional.of(new MediaType(essence.substring(0, slash), essence.substring(slash + 1), params));
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7F || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(essence());
        parameters.forEach((k, v) -> sb.append("; ").append(k).append("=\"").append(v).append('"'));
        return sb.toString();
    }
}
