package org.vesalius.dicom.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Semantic comparison of two DICOM JSON documents with the rules of the shared check's
 * {@code jsoncmp.py}: key order, group lengths, group 0002, (0008,0005), bulk data form, trailing
 * blanks and empty values, and number formatting do not count; a UN on either side matches any VR.
 */
final class JsonComparison {

    private static final Set<String> NUMERIC = Set.of("DS", "IS", "FL", "FD", "SL", "SS", "UL", "US", "SV", "UV", "AT");
    private static final Set<String> BINARY = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "UN", "OB or OW");
    private static final Set<String> AMBIGUOUS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "UN", "OB or OW", "US or SS");

    private JsonComparison() {
    }

    /** The differences between {@code ours} and {@code reference} (objects, or one-element arrays). */
    static List<String> differences(JsonNode ours, JsonNode reference) {
        List<String> out = new ArrayList<>();
        compare(single(ours), single(reference), "", out);
        return out;
    }

    private static JsonNode single(JsonNode node) {
        return node.isArray() && node.size() == 1 ? node.get(0) : node;
    }

    private static void compare(JsonNode a, JsonNode b, String path, List<String> out) {
        Set<String> keys = new TreeSet<>();
        a.fieldNames().forEachRemaining(keys::add);
        b.fieldNames().forEachRemaining(keys::add);
        for (String k : keys) {
            if (k.endsWith("0000") || k.startsWith("0002") || k.equals("00080005")) {
                continue;
            }
            String p = path + "/" + k;
            if (!a.has(k) || !b.has(k)) {
                out.add(p + ": only in " + (a.has(k) ? "ours" : "reference"));
                continue;
            }
            JsonNode ea = a.get(k);
            JsonNode eb = b.get(k);
            String vra = ea.path("vr").asText(null);
            String vrb = eb.path("vr").asText(null);
            if (!Objects.equals(vra, vrb) && ("UN".equals(vra) || "UN".equals(vrb))) {
                continue; // one side lacks a dictionary entry: no common reading
            }
            if (!Objects.equals(vra, vrb) && !(AMBIGUOUS.contains(vra) && AMBIGUOUS.contains(vrb))) {
                out.add(p + ": vr " + vra + " != " + vrb);
                continue;
            }
            if (BINARY.contains(vra) || BINARY.contains(vrb)) {
                compareBinary(ea, eb, p, out);
                continue;
            }
            List<Object> va = values(ea);
            List<Object> vb = values(eb);
            if ("SQ".equals(vra)) {
                compareItems(ea, eb, p, out);
            } else if (NUMERIC.contains(vra)) {
                if (!sameNumbers(va, vb)) {
                    out.add(p + " (" + vra + "): " + abbreviate(va) + " != " + abbreviate(vb));
                }
            } else {
                List<Object> na = trimmedStrings(va);
                List<Object> nb = trimmedStrings(vb);
                if (!na.equals(nb)) {
                    out.add(p + " (" + vra + "): " + abbreviate(na) + " != " + abbreviate(nb));
                }
            }
        }
    }

    private static void compareBinary(JsonNode ea, JsonNode eb, String p, List<String> out) {
        if (!ea.has("InlineBinary") || !eb.has("InlineBinary")) {
            return;
        }
        byte[] da = Base64.getMimeDecoder().decode(ea.get("InlineBinary").asText());
        byte[] db = Base64.getMimeDecoder().decode(eb.get("InlineBinary").asText());
        if (startsWithItem(da) || startsWithItem(db)) {
            return; // encapsulated: readers frame it differently
        }
        if (!stripTrailingZeros(da).equals(stripTrailingZeros(db))) {
            out.add(p + ": binary differs (" + da.length + " vs " + db.length + " bytes)");
        }
    }

    private static void compareItems(JsonNode ea, JsonNode eb, String p, List<String> out) {
        JsonNode ia = ea.path("Value");
        JsonNode ib = eb.path("Value");
        int na = ia.isArray() ? ia.size() : 0;
        int nb = ib.isArray() ? ib.size() : 0;
        if (na != nb) {
            out.add(p + ": " + na + " items vs " + nb);
            return;
        }
        for (int i = 0; i < na; i++) {
            compare(ia.get(i).isObject() ? ia.get(i) : EMPTY, ib.get(i).isObject() ? ib.get(i) : EMPTY, p + "[" + i + "]", out);
        }
    }

    private static final JsonNode EMPTY = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();

    private static List<Object> values(JsonNode element) {
        List<Object> out = new ArrayList<>();
        JsonNode value = element.get("Value");
        if (value != null && value.isArray()) {
            value.forEach(v -> out.add(plain(v)));
        }
        return out;
    }

    private static Object plain(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                map.put(e.getKey(), plain(e.getValue()));
            }
            return map;
        }
        return v.toString();
    }

    private static boolean sameNumbers(List<Object> va, List<Object> vb) {
        if (va.size() != vb.size()) {
            return false;
        }
        for (int i = 0; i < va.size(); i++) {
            Object x = number(va.get(i));
            Object y = number(vb.get(i));
            if (x instanceof Double dx && y instanceof Double dy) {
                if (!(dx.equals(dy) || isClose(dx, dy) || dx.isNaN() && dy.isNaN())) {
                    return false;
                }
            } else if (!Objects.equals(x, y)) {
                return false;
            }
        }
        return true;
    }

    /** Python's math.isclose with rel_tol=1e-6. */
    private static boolean isClose(double a, double b) {
        return a == b || Math.abs(a - b) <= 1e-6 * Math.max(Math.abs(a), Math.abs(b));
    }

    /** jsoncmp's norm_num: strings that Python's float() accepts become numbers. */
    private static Object number(Object v) {
        if (!(v instanceof String s)) {
            return v;
        }
        String t = strip(s, " \0");
        Double d = pythonFloat(t);
        return d != null ? d : t;
    }

    static Double pythonFloat(String s) {
        String t = s.strip().replace("_", "");
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        double sign = lower.startsWith("-") ? -1 : 1;
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (!unsigned.matches("([0-9]+\\.?[0-9]*|\\.[0-9]+)(e[+-]?[0-9]+)?")) {
            return null;
        }
        return Double.parseDouble(t);
    }

    /** jsoncmp's norm_str, then the trailing empty values dropped. */
    private static List<Object> trimmedStrings(List<Object> values) {
        List<Object> out = new ArrayList<>();
        for (Object v : values) {
            if (v instanceof String s) {
                out.add(rstrip(s, " \0"));
            } else if (v instanceof Map<?, ?> map) {
                Map<Object, Object> groups = new LinkedHashMap<>();
                map.forEach((k, x) -> {
                    if (x instanceof String s && !rstrip(s, " ^=").isEmpty()) {
                        groups.put(k, rstrip(s, " ^="));
                    }
                });
                out.add(groups);
            } else {
                out.add(v);
            }
        }
        while (!out.isEmpty() && (out.get(out.size() - 1) == null || "".equals(out.get(out.size() - 1))
                || out.get(out.size() - 1) instanceof Map<?, ?> m && m.isEmpty())) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static String rstrip(String s, String chars) {
        int end = s.length();
        while (end > 0 && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String strip(String s, String chars) {
        String t = rstrip(s, chars);
        int start = 0;
        while (start < t.length() && chars.indexOf(t.charAt(start)) >= 0) {
            start++;
        }
        return t.substring(start);
    }

    private static boolean startsWithItem(byte[] b) {
        return b.length >= 4 && b[0] == (byte) 0xFE && b[1] == (byte) 0xFF && b[2] == 0x00 && b[3] == (byte) 0xE0;
    }

    private static String stripTrailingZeros(byte[] b) {
        int end = b.length;
        while (end > 0 && b[end - 1] == 0) {
            end--;
        }
        return new String(b, 0, end, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String abbreviate(Object o) {
        String s = String.valueOf(o);
        return s.length() > 80 ? s.substring(0, 80) : s;
    }
}
