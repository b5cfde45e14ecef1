package org.vesalius.vna.server.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's stack trace ({@code %wEx}) with every exception message's control characters
 * escaped: an exception's text often quotes what a peer sent (a parser's "bad value ..."), and a
 * stack trace is the one place where line breaks are the log's own.
 */
public class EscapedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return super.throwableProxyToString(Escaped.of(tp));
    }

    /** A throwable whose message, and its causes' and suppressed ones', are escaped. */
    private record Escaped(IThrowableProxy raw) implements IThrowableProxy {

        static IThrowableProxy of(IThrowableProxy raw) {
            return raw == null ? null : new Escaped(raw);
        }

        @Override
        public String getMessage() {
            return EscapedMessageConverter.escapeControls(raw.getMessage());
        }

        @Override
        public String getClassName() {
            return raw.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return raw.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return raw.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return of(raw.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            IThrowableProxy[] suppressed = raw.getSuppressed();
            if (suppressed == null) {
                return null;
            }
            IThrowableProxy[] escaped = new IThrowableProxy[suppressed.length];
            for (int i = 0; i < suppressed.length; i++) {
                escaped[i] = of(suppressed[i]);
            }
            return escaped;
        }

        @Override
        public boolean isCyclic() {
            return raw.isCyclic();
        }
    }
}
