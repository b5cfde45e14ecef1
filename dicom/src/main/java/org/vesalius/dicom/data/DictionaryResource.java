package org.vesalius.dicom.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the tab-separated tables that {@code dicom/tools/GenerateDictionary.java} writes into
 * this package's resources: UTF-8, LF line ends, {@code #} comment lines, a fixed number of
 * fields per row, no quoting or escaping (the generator guarantees no field holds a tab).
 *
 * <p>Plain text rather than a binary format because the tables change only with the standard
 * and a readable diff is worth more than the milliseconds a binary format would save on the
 * single, lazy load.
 */
final class DictionaryResource {

    private final Map<String, List<VR>> vrLists = new HashMap<>();
    private final Map<String, String> strings = new HashMap<>();

    /**
     * Calls {@code row} with the fields of every row of resource {@code name}.
     *
     * @throws IllegalStateException when the resource is missing or malformed, which means the
     *         library was built or packaged incorrectly
     */
    void read(String name, int fields, Consumer<String[]> row) {
        byte[] bytes;
        try (InputStream in = DictionaryResource.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to "
                        + DictionaryResource.class.getName());
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
        // Scans bytes and decodes field by field: tab and LF never occur inside a UTF-8
        // sequence, and most fields are ASCII, which String decodes on its fast path.
        String[] values = new String[fields];
        int lineNumber = 0;
        int start = 0;
        while (start < bytes.length) {
            lineNumber++;
            boolean comment = bytes[start] == '#';
            int field = 0;
            int from = start;
            int at = start;
            for (; at < bytes.length && bytes[at] != '\n'; at++) {
                if (bytes[at] == '\t' && !comment) {
                    field = store(values, field, bytes, from, at, name, lineNumber);
                    from = at + 1;
                }
            }
            if (!comment && at > start) {
                field = store(values, field, bytes, from, at, name, lineNumber);
                if (field != fields) {
                    throw malformed(name, lineNumber, field + " fields instead of " + fields);
                }
                row.accept(values);
            }
            start = at + 1;
        }
    }

    private static int store(String[] values, int field, byte[] bytes, int from, int to,
            String name, int lineNumber) {
        if (field == values.length) {
            throw malformed(name, lineNumber, "more than " + values.length + " fields");
        }
        values[field] = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        return field + 1;
    }

    /**
     * Parses a VR field: codes joined by '/', or '-' for none (items and delimiters). Equal
     * fields share one immutable list.
     */
    List<VR> vrs(String field) {
        return vrLists.computeIfAbsent(field, DictionaryResource::parseVrs);
    }

    private static List<VR> parseVrs(String field) {
        if (field.equals("-")) {
            return List.of();
        }
        List<VR> vrs = new ArrayList<>(2);
        for (String code : field.split("/")) {
            VR vr = VR.ofName(code);
            if (vr == null) {
                throw new IllegalStateException("unknown VR '" + code + "' in dictionary");
            }
            vrs.add(vr);
        }
        if (EnumSet.copyOf(vrs).size() != vrs.size()) {
            throw new IllegalStateException("repeated VR in '" + field + "'");
        }
        return List.copyOf(vrs);
    }

    /** One instance per distinct value, for columns such as VM that repeat a few values. */
    String shared(String value) {
        String known = strings.putIfAbsent(value, value);
        return known == null ? value : known;
    }

    /** Parses the Y/N retired column. */
    static boolean flag(String field) {
        return switch (field) {
            case "Y" -> true;
            case "N" -> false;
            default -> throw new IllegalStateException("not Y/N: '" + field + "'");
        };
    }

    /**
     * Removes the leading and trailing spaces and NULs with which DICOM pads string values, so
     * that a value read from a file matches the dictionary. Returns {@code value} itself when
     * there is nothing to remove, to keep the common case allocation-free.
     */
    static String trimPadding(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isPadding(value.charAt(start))) {
            start++;
        }
        while (end > start && isPadding(value.charAt(end - 1))) {
            end--;
        }
        return start == 0 && end == value.length() ? value : value.substring(start, end);
    }

    private static boolean isPadding(char c) {
        return c == ' ' || c == '\0';
    }

    private static IllegalStateException malformed(String name, int line, String message) {
        return new IllegalStateException("resource " + name + " line " + line + ": " + message);
    }
}
