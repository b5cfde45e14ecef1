package org.vesalius.vna.server.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMART App Launch clinical scope ({@code patient/ImagingStudy.rs}, {@code user/*.read},
 * {@code system/Patient.r} ...), v1 ({@code read}, {@code write}, {@code *}) or v2 (the
 * letters {@code c r u d s}, in that order, each once). A v2 scope with search parameters
 * ({@code patient/Observation.rs?category=...}) narrows what it grants in a way the archive does
 * not evaluate, so it is parsed as granting nothing.
 *
 * @param context      whose data: the launch patient's, the user's, the system's
 * @param resourceType a FHIR resource type, or {@code *} for all
 * @param interactions what it grants
 * @param version      the syntax it was written in
 */
record SmartScope(Context context, String resourceType, Set<Interaction> interactions, Version version) {

    /** The longest scope parsed; longer ones are not SMART scopes anyone writes. */
    static final int MAX_LENGTH = 128;

    private static final Pattern SYNTAX = Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]{0,63})\\.([a-z*]{1,5})(\\?.*)?");

    /** Whose data a scope covers. */
    enum Context {
        PATIENT, USER, SYSTEM
    }

    /** The scope syntax. */
    enum Version {
        V1, V2
    }

    /** FHIR interactions as SMART v2 names them (the letter of each). */
    enum Interaction {
        CREATE('c'), READ('r'), UPDATE('u'), DELETE('d'), SEARCH('s');

        private final char letter;

        Interaction(char letter) {
            this.letter = letter;
        }
    }

    SmartScope {
        interactions = interactions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(interactions));
    }

    /** True when the text is meant as a clinical scope (its context prefix), well formed or not. */
    static boolean looksClinical(String scope) {
        return scope.startsWith("patient/") || scope.startsWith("user/") || scope.startsWith("system/");
    }

    /** The scope {@code text} spells, or empty when it is not a well-formed clinical scope. */
    static Optional<SmartScope> parse(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        Context context = Context.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
        String type = m.group(2);
        String permissions = m.group(3);
        boolean query = m.group(4) != null;
        Optional<Set<Interaction>> v1 = switch (permissions) {
            case "read" -> Optional.of(EnumSet.of(Interaction.READ, Interaction.SEARCH));
            case "write" -> Optional.of(EnumSet.of(Interaction.CREATE, Interaction.UPDATE, Interaction.DELETE));
            case "*" -> Optional.of(EnumSet.allOf(Interaction.class));
            default -> Optional.empty();
        };
        if (v1.isPresent()) {
            // v1 has no search parameters.
            return query ? Optional.empty() : Optional.of(new SmartScope(context, type, v1.get(), Version.V1));
        }
        Optional<Set<Interaction>> v2 = letters(permissions);
        if (v2.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SmartScope(context, type, query ? Set.of() : v2.get(), Version.V2));
    }

    /** True when this scope grants {@code interaction} on {@code type}. */
    boolean grants(String type, Interaction interaction) {
        return (resourceType.equals("*") || resourceType.equals(type)) && interactions.contains(interaction);
    }

    /** v2 permissions: a non-empty subsequence of {@code cruds}. */
    private static Optional<Set<Interaction>> letters(String permissions) {
        Set<Interaction> set = EnumSet.noneOf(Interaction.class);
        int next = 0;
        Interaction[] all = Interaction.values();
        for (char c : permissions.toCharArray()) {
            int i = next;
            while (i < all.length && all[i].letter != c) {
                i++;
            }
            if (i == all.length) {
                return Optional.empty();  // unknown, repeated or out of order
            }
            set.add(all[i]);
            next = i + 1;
        }
        return set.isEmpty() ? Optional.empty() : Optional.of(set);
    }
}
