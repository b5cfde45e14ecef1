package org.vesalius.vna.server.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The SMART clinical scopes of a token's {@code scope} (space-separated) or {@code scp} (a list)
 * claim. Other scopes ({@code openid}, {@code launch/patient}, {@code offline_access} ...) are
 * not clinical and are ignored. A token that names any clinical scope is a SMART token: its reads
 * need a scope that grants them; one that is malformed, or a claim beyond the limits, grants
 * nothing but still makes it a SMART token (fail closed, never back to roles alone).
 *
 * @param present        true when the claim names a clinical scope (well formed or not), or exceeds the limits
 * @param patientContext true when a clinical scope (well formed or not) is of the launch patient's
 *                       context, or the claim exceeds the limits: the token then reads that
 *                       patient's data only, whatever its other scopes say
 * @param scopes         the well-formed clinical scopes
 */
record SmartScopes(boolean present, boolean patientContext, List<SmartScope> scopes) {

    /** The longest scope claim read (a claim is a few hundred characters in practice). */
    static final int MAX_CLAIM_LENGTH = 8192;
    /** The most scopes read from one claim. */
    static final int MAX_SCOPES = 256;

    static final SmartScopes NONE = new SmartScopes(false, false, List.of());

    SmartScopes {
        scopes = List.copyOf(scopes);
    }

    /** The clinical scopes of a claim value: a space-separated string, a collection of strings, or anything else (none). */
    static SmartScopes of(Object claim) {
        List<String> items = new ArrayList<>();
        if (claim instanceof String text) {
            if (text.length() > MAX_CLAIM_LENGTH) {
                return new SmartScopes(true, true, List.of());
            }
            for (String item : text.split(" ")) {
                if (!item.isEmpty()) {
                    items.add(item);
                }
            }
        } else if (claim instanceof Collection<?> list) {
            long length = 0;
            for (Object item : list) {
                if (!(item instanceof String s)) {
                    return new SmartScopes(true, true, List.of());  // a claim we cannot read is no grant
                }
                length += s.length() + 1;
                items.add(s);
                if (length > MAX_CLAIM_LENGTH) {
                    return new SmartScopes(true, true, List.of());
                }
            }
        } else {
            return NONE;
        }
        if (items.size() > MAX_SCOPES) {
            return new SmartScopes(true, true, List.of());
        }
        boolean present = false;
        boolean patient = false;
        List<SmartScope> scopes = new ArrayList<>();
        for (String item : items) {
            if (SmartScope.looksClinical(item)) {
                present = true;
                patient |= item.startsWith("patient/");
                SmartScope.parse(item).ifPresent(scopes::add);
            }
        }
        return present ? new SmartScopes(true, patient, scopes) : NONE;
    }

    /** True when a scope grants {@code interaction} on {@code type}. */
    boolean grants(String type, SmartScope.Interaction interaction) {
        return scopes.stream().anyMatch(s -> s.grants(type, interaction));
    }

    /** True when a clinical scope of the user's or the system's context grants a read or search. */
    boolean anyWideRead() {
        return scopes.stream().anyMatch(s -> s.context() != SmartScope.Context.PATIENT && reads(s));
    }

    /** True when a clinical scope grants a read or search. */
    boolean anyRead() {
        return scopes.stream().anyMatch(SmartScopes::reads);
    }

    private static boolean reads(SmartScope s) {
        return s.interactions().contains(SmartScope.Interaction.READ) || s.interactions().contains(SmartScope.Interaction.SEARCH);
    }
}
