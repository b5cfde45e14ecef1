package org.vesalius.vna.archive.dicomweb;

/**
 * A single byte range of an HTTP {@code Range} header (RFC 9110 §14.1.2): {@code bytes=a-b},
 * {@code bytes=a-} or {@code bytes=-n}. Several ranges, or other units, are answered with the
 * whole content, which RFC 9110 allows.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
record ByteRange(long first, long last) {

    /** How the header applies to content of {@code length} bytes. */
    sealed interface Outcome {
    }

    /** Send the whole content. */
    record Whole() implements Outcome {
    }

    /** Send this part (206). */
    record Part(ByteRange range) implements Outcome {
    }

    /** Nothing of the content is in the range (416). */
    record Unsatisfiable() implements Outcome {
    }

    long length() {
        return last - first + 1;
    }

    static Outcome of(String header, long length) {
        if (header == null || length < 0) {
            return new Whole();
        }
        String h = header.strip();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
            return new Whole();
        }
        String spec = h.substring(6).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        try {
            String a = spec.substring(0, dash).strip();
            String b = spec.substring(dash + 1).strip();
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix <= 0 || length == 0) {
                    return new Unsatisfiable();
                }
                return new Part(new ByteRange(Math.max(0, length - suffix), length - 1));
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? length - 1 : Math.min(Long.parseLong(b), length - 1);
            if (first < 0 || !b.isEmpty() && Long.parseLong(b) < first) {
                return new Whole(); // syntactically invalid: ignored (RFC 9110 §14.2)
            }
            if (first >= length) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(first, last));
        } catch (NumberFormatException e) {
            return new Whole();
        }
    }
}
