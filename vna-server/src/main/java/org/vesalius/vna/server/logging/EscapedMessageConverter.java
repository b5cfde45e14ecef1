package org.vesalius.vna.server.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.vesalius.dicom.net.LogValue;

/**
 * The log message with control characters escaped ({@code %m}, {@code %msg}, {@code %message} in
 * the server's logback configuration). Call sites already pass wire values through
 * {@link LogValue}; this is the net under them, so that no value a peer sends (a UID, an AE title,
 * a query parameter, a library's exception text) can start a forged log line.
 */
public class EscapedMessageConverter extends MessageConverter {

    /** Spring Boot's start-up failure report: several lines by design, and nothing from the wire. */
    private static final String FAILURE_ANALYSIS = "org.springframework.boot.diagnostics.";

    @Override
    public String convert(ILoggingEvent event) {
        String message = super.convert(event);
        return event.getLoggerName().startsWith(FAILURE_ANALYSIS) ? message : escapeControls(message);
    }

    /**
     * Control characters escaped as {@link LogValue} does, but a backslash kept as it is: call
     * sites that escaped already must not see their escapes doubled.
     */
    static String escapeControls(String text) {
        if (text == null) {
            return null;
        }
        int i = 0;
        while (i < text.length() && !control(text.charAt(i))) {
            i++;
        }
        if (i == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(control(c) ? LogValue.escape(String.valueOf(c)) : String.valueOf(c));
        }
        return out.toString();
    }

    private static boolean control(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
