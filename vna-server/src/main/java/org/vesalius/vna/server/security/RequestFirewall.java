package org.vesalius.vna.server.security;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its own rules, checked without regular
 * expressions: its default character checks run a regular expression over every header and
 * parameter value each time one is read, and a bearer token is a long header read several times
 * per request: a measurable part of what tokens cost ({@code bench/security}).
 * The characters admitted are exactly the default's: header names, parameter names and values
 * hold assigned characters other than controls; header values also the tab.
 */
final class RequestFirewall {

    private RequestFirewall() {
    }

    /** The firewall of every filter chain. */
    static StrictHttpFirewall strict() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(RequestFirewall::assignedAndNotControl);
        firewall.setAllowedHeaderValues(RequestFirewall::headerValue);
        firewall.setAllowedParameterNames(RequestFirewall::assignedAndNotControl);
        firewall.setAllowedParameterValues(RequestFirewall::assignedAndNotControl);
        return firewall;
    }

    /** As {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
    static boolean assignedAndNotControl(String text) {
        return every(text, false);
    }

    /** As {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. */
    static boolean headerValue(String text) {
        return every(text, true);
    }

    private static boolean every(String text, boolean tab) {
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            // Printable ASCII, nearly every character of a real request, decides without a table lookup.
            if (c < 0x20 || c >= 0x7f) {
                int type = Character.getType(c);
                if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tab && c == '\t')) {
                    return false;
                }
            }
            i += Character.charCount(c);
        }
        return true;
    }
}
