package org.vesalius.dicom.data;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link SpecificCharacterSet}s from the values of (0008,0005): normalizes them, looks up
 * their Defined Terms, works out the initial G0/G1 designations and the code elements
 * available for encoding, and falls back (with a warning, once) where terms are unknown.
 */
final class CharacterSetFactory {

    private static final Logger LOG = LoggerFactory.getLogger(SpecificCharacterSet.class);

    /** Instances for every single Defined Term in its standard spelling, built once. */
    private static final Map<String, SpecificCharacterSet> SINGLE_TERMS = singleTerms();

    private CharacterSetFactory() {
    }

    static SpecificCharacterSet of(String... values) {
        List<String> terms = normalize(values);
        if (terms.isEmpty()) {
            return SpecificCharacterSet.ASCII;
        }
        if (terms.size() == 1) {
            SpecificCharacterSet known = SINGLE_TERMS.get(terms.get(0));
            if (known != null) {
                return known;
            }
        }
        return build(terms);
    }

    /** Splits on backslash, strips blank and NUL padding, drops empty values after the first. */
    private static List<String> normalize(String... values) {
        List<String> terms = new ArrayList<>();
        if (values == null) {
            return terms;
        }
        for (String value : values) {
            for (String part : (value == null ? "" : value).split("\\\\", -1)) {
                String term = TextPadding.strip(part);
                if (terms.isEmpty() || !term.isEmpty()) {
                    terms.add(term);
                }
            }
        }
        if (terms.size() == 1 && terms.get(0).isEmpty()) {
            terms.clear();
        }
        return List.copyOf(terms);
    }

    private static SpecificCharacterSet build(List<String> terms) {
        String first = terms.get(0);
        DefinedTerm firstTerm = first.isEmpty() ? DefinedTerm.IR_6 : DefinedTerm.lookup(first);
        if (firstTerm == null || !firstTerm.isAvailable()) {
            LogOnce.warn(LOG, "unknown " + first,
                    "Unknown or unsupported Specific Character Set '{}'; decoding as ISO 8859-1", first);
            firstTerm = DefinedTerm.IR_100;
        }
        if (firstTerm.excludesCodeExtensions()) {
            if (terms.size() > 1) {
                LogOnce.warn(LOG, "multi " + terms, "Specific Character Set {} combines {} with other values;"
                        + " using {} alone", terms, first, first);
            }
            return new SpecificCharacterSet(terms, firstTerm.directCharset(), false, false, null, null, List.of());
        }
        // A multi-byte set as first value is not allowed; keep ASCII in G0 so plain text still reads.
        CodeElement g0 = firstTerm.g0() != null && firstTerm.g0().width() == 1 ? firstTerm.g0() : CodeElement.ISO_IR_6;
        List<CodeElement> elements = new ArrayList<>();
        elements.add(g0);
        addElements(elements, firstTerm);
        for (String value : terms.subList(1, terms.size())) {
            DefinedTerm term = DefinedTerm.lookup(value);
            if (term == null || !term.isAvailable() || term.excludesCodeExtensions()) {
                LogOnce.warn(LOG, "ignored " + value,
                        "Specific Character Set value '{}' is unknown, unsupported or not allowed with"
                                + " code extensions; ignored", value);
            } else {
                addElements(elements, term);
            }
        }
        boolean extensions = terms.size() > 1 || first.contains("2022") || firstTerm.directCharset() == null
                || firstTerm.g0() == null;
        Charset direct = firstTerm.directCharset() != null ? firstTerm.directCharset() : StandardCharsets.US_ASCII;
        return new SpecificCharacterSet(terms, direct, extensions, true, g0, firstTerm.g1(), List.copyOf(elements));
    }

    private static void addElements(List<CodeElement> elements, DefinedTerm term) {
        for (CodeElement e : new CodeElement[] {term.g0(), term.g1()}) {
            if (e != null && !elements.contains(e)) {
                elements.add(e);
            }
        }
    }

    private static Map<String, SpecificCharacterSet> singleTerms() {
        Map<String, SpecificCharacterSet> map = new HashMap<>();
        for (DefinedTerm term : DefinedTerm.values()) {
            for (String spelling : new String[] {term.plainSpelling(), term.extendedSpelling()}) {
                if (spelling != null && term.isAvailable()) {
                    map.put(spelling, build(List.of(spelling)));
                }
            }
        }
        return Map.copyOf(map);
    }
}
