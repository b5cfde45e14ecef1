package org.vesalius.vna.archive.dicomweb;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Content negotiation on an HTTP {@code Accept} header (RFC 9110 §12.5.1) as DICOMweb clients
 * send it: several media ranges with q-values and parameters, e.g. OHIF's
 * {@code multipart/related; type="application/octet-stream"; transfer-syntax=*, application/dicom+json;q=0.9}.
 *
 * <p>Each offer gets the q-value of the most specific range that matches it (a range with
 * parameters beats one without, {@code type/subtype} beats {@code type/*}, which beats
 * {@code *}{@code /*}); the offer with the highest q-value above zero wins, ties going to the
 * offer listed first (the server's preference). A {@code multipart/related} range matches an
 * offer only when its {@code type} parameter, if it has one, names the offer's part type. Ranges
 * that cannot be parsed are skipped rather than refused: one odd entry must not fail a viewer's
 * whole request. An absent or blank header accepts everything.
 */
public final class AcceptHeader {

    /** One media range of the header with its weight. */
    public record Range(MediaType mediaType, double q) {
    }

    /**
     * A representation the server can produce.
     *
     * @param mediaType what it is, with the parameters ranges are matched on ({@code type} for
     *                  multipart)
     * @param value     what the caller wants back when this offer wins
     */
    public record Offer<T>(MediaType mediaType, T value) {

        /** An offer for {@code mediaType} (parsed; must be valid). */
        public static <T> Offer<T> of(String mediaType, T value) {
            return new Offer<>(MediaType.parse(mediaType)
                    .orElseThrow(() -> new IllegalArgumentException("not a media type: " + mediaType)), value);
        }
    }

    private final List<Range> ranges;

    private AcceptHeader(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Parses {@code header}; null or blank means {@code *}{@code /*}. */
    public static AcceptHeader parse(String header) {
        List<Range> ranges = new ArrayList<>();
        if (header == null || header.isBlank()) {
            ranges.add(new Range(new MediaType("*", "*", Map.of()), 1.0));
            return new AcceptHeader(ranges);
        }
        for (String part : splitOutsideQuotes(header)) {
            MediaType.parse(part).ifPresent(m -> ranges.add(new Range(m, weight(m))));
        }
        return new AcceptHeader(ranges);
    }

    /** The ranges, in header order. */
    public List<Range> ranges() {
        return ranges;
    }

    /** The best offer, or empty when none is acceptable (HTTP 406). */
    public <T> Optional<T> negotiate(List<Offer<T>> offers) {
        Offer<T> best = null;
        double bestQ = 0;
        for (Offer<T> offer : offers) {
            double q = quality(offer.mediaType());
            if (q > bestQ) {
                best = offer;
                bestQ = q;
            }
        }
        return best == null ? Optional.empty() : Optional.of(best.value());
    }

    /** The q-value the most specific matching range gives {@code offer}; 0 when none matches. */
    private double quality(MediaType offer) {
        int bestSpecificity = -1;
        double q = 0;
        for (Range r : ranges) {
            int s = specificity(r.mediaType(), offer);
            if (s > bestSpecificity) {
                bestSpecificity = s;
                q = r.q();
            }
        }
        return q;
    }

    /** -1 when {@code range} does not match {@code offer}, else higher for more specific ranges. */
    private static int specificity(MediaType range, MediaType offer) {
        boolean anyType = range.type().equals("*");
        boolean anySubtype = range.subtype().equals("*");
        if (!anyType && !range.type().equals(offer.type())) {
            return -1;
        }
        if (!anySubtype && !range.subtype().equals(offer.subtype())) {
            return -1;
        }
        Optional<String> partType = range.parameter("type");
        if (partType.isPresent()) {
            Optional<String> offered = offer.parameter("type");
            if (offered.isEmpty() || !sameMediaType(partType.get(), offered.get())) {
                return -1;
            }
            return 3;
        }
        return anyType ? 0 : anySubtype ? 1 : 2;
    }

    private static boolean sameMediaType(String a, String b) {
        return a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }

    private static double weight(MediaType range) {
        Optional<String> q = range.parameter("q");
        if (q.isEmpty()) {
            return 1.0;
        }
        try {
            double v = Double.parseDouble(q.get().strip());
            return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
        } catch (NumberFormatException e) {
            return 1.0; // a garbled weight is read as no weight
        }
    }

    /** Splits at commas that are not inside a quoted parameter value. */
    private static List<String> splitOutsideQuotes(String header) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < header.length()) {
                current.append(c).append(header.charAt(++i));
                continue;
            } else if (c == ',' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        parts.removeIf(String::isBlank);
        return parts;
    }
}
