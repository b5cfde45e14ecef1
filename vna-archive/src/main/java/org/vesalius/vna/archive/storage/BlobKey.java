package org.vesalius.vna.archive.storage;

import java.util.Objects;
import java.util.Set;

/**
 * The name of an object in a {@link BlobStore}: a relative path of segments separated by
 * {@code /}, the same string on every backend.
 *
 * <p>Keys are restricted so that one key maps to exactly one file on any filesystem (Linux,
 * macOS, Windows, NFS, SMB) and one S3 object, with no escaping:
 * <ul>
 *   <li>1 to {@value #MAX_LENGTH} characters; no leading or trailing {@code /}, no empty
 *       segment ({@code //});</li>
 *   <li>each segment is 1 to {@value #MAX_SEGMENT_LENGTH} characters of {@code [a-z0-9._-]},
 *       starts with a letter or digit (so never {@code .} or {@code ..}, and never a hidden
 *       name, which the adapters keep for their own files) and does not end with {@code .};</li>
 *   <li>lower case only: on case-insensitive filesystems (the macOS and Windows defaults) two
 *       keys that differ only in case would silently become one file;</li>
 *   <li>no Windows device name ({@code con}, {@code nul}, {@code com1}, ... also with an
 *       extension such as {@code nul.dcm}).</li>
 * </ul>
 * DICOM UIDs ({@code [0-9.]}) and the layout of {@link InstanceKeys} fit these rules.
 *
 * @param value the key, for example {@code studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.5.dcm}
 */
public record BlobKey(String value) implements Comparable<BlobKey> {

    /** Longest key, in characters (S3 allows 1024 bytes; keys are ASCII). */
    public static final int MAX_LENGTH = 1024;
    /** Longest segment: leaves room under the usual 255-byte file name limit for the
     *  adapters' hidden companion files. */
    public static final int MAX_SEGMENT_LENGTH = 200;

    private static final Set<String> WINDOWS_DEVICE_NAMES = Set.of(
            "con", "prn", "aux", "nul",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");

    /**
     * @throws IllegalArgumentException if {@code value} breaks a rule above; the message says which
     */
    public BlobKey {
        Objects.requireNonNull(value, "value");
        String problem = problem(value);
        if (problem != null) {
            throw new IllegalArgumentException("invalid blob key \"" + printable(value) + "\": " + problem);
        }
    }

    /** The key {@code value}; same as the constructor. */
    public static BlobKey of(String value) {
        return new BlobKey(value);
    }

    /** The key made of {@code segments} joined with {@code /}. */
    public static BlobKey of(String first, String... more) {
        StringBuilder sb = new StringBuilder(first);
        for (String s : more) {
            sb.append('/').append(s);
        }
        return new BlobKey(sb.toString());
    }

    /** Whether {@code value} is a valid key. */
    public static boolean isValid(String value) {
        return value != null && problem(value) == null;
    }

    /**
     * Checks a listing prefix: empty, or the beginning of some valid key (complete segments
     * each valid, the last one possibly partial, possibly ending with {@code /}).
     *
     * @return {@code prefix}
     * @throws IllegalArgumentException if no valid key can start with {@code prefix}
     */
    public static String checkPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty()) {
            return prefix;
        }
        String problem = null;
        if (prefix.length() >= MAX_LENGTH) {
            problem = "longer than " + (MAX_LENGTH - 1) + " characters";
        } else {
            int lastSlash = prefix.lastIndexOf('/');
            String complete = lastSlash < 0 ? "" : prefix.substring(0, lastSlash);
            String partial = prefix.substring(lastSlash + 1);
            if (lastSlash >= 0) {
                problem = problem(complete);
            }
            if (problem == null && !partial.isEmpty()) {
                problem = segmentStartProblem(partial);
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("invalid key prefix \"" + printable(prefix) + "\": " + problem);
        }
        return prefix;
    }

    /** The last segment, for example {@code 1.2.3.4.5.dcm}. */
    public String fileName() {
        return value.substring(value.lastIndexOf('/') + 1);
    }

    /** Whether this key starts with {@code prefix} (plain string prefix, as S3 listings use). */
    public boolean startsWith(String prefix) {
        return value.startsWith(prefix);
    }

    @Override
    public int compareTo(BlobKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }

    private static String problem(String value) {
        if (value.isEmpty()) {
            return "empty";
        }
        if (value.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        if (value.charAt(0) == '/') {
            return "starts with '/' (keys are relative)";
        }
        if (value.charAt(value.length() - 1) == '/') {
            return "ends with '/'";
        }
        int start = 0;
        while (true) {
            int end = value.indexOf('/', start);
            String segment = value.substring(start, end < 0 ? value.length() : end);
            String problem = segmentProblem(segment);
            if (problem != null) {
                return problem;
            }
            if (end < 0) {
                return null;
            }
            start = end + 1;
        }
    }

    private static String segmentProblem(String segment) {
        if (segment.isEmpty()) {
            return "empty segment ('//')";
        }
        String problem = segmentStartProblem(segment);
        if (problem != null) {
            return problem;
        }
        if (segment.charAt(segment.length() - 1) == '.') {
            return "segment \"" + segment + "\" ends with '.'";
        }
        int dot = segment.indexOf('.');
        String base = dot < 0 ? segment : segment.substring(0, dot);
        if (WINDOWS_DEVICE_NAMES.contains(base)) {
            return "segment \"" + segment + "\" is a reserved device name on Windows";
        }
        return null;
    }

    /** Rules a segment and any non-empty beginning of one must meet. */
    private static String segmentStartProblem(String segment) {
        if (segment.length() > MAX_SEGMENT_LENGTH) {
            return "segment longer than " + MAX_SEGMENT_LENGTH + " characters";
        }
        char first = segment.charAt(0);
        if (!isLowerAlnum(first)) {
            return first == '.' ? "segment starts with '.' ('.', '..' and hidden names are not keys)"
                    : "segment starts with '" + printable(String.valueOf(first)) + "' (must be a-z or 0-9)";
        }
        for (int i = 1; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (!isLowerAlnum(c) && c != '.' && c != '_' && c != '-') {
                return c == '\\' ? "contains a backslash"
                        : "contains '" + printable(String.valueOf(c)) + "' (allowed: a-z 0-9 . _ - and / between segments)";
            }
        }
        return null;
    }

    private static boolean isLowerAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** The value with control and non-ASCII characters escaped, cut to a readable length. */
    private static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 120; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.length() < s.length() ? sb + "..." : sb.toString();
    }
}
