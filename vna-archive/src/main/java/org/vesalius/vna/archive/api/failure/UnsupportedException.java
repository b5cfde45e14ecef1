package org.vesalius.vna.archive.api.failure;

import java.util.Optional;

/**
 * Something the archive does not do: {@link FailureKind#UNSUPPORTED}. A media type or transfer
 * syntax it cannot produce or take, a rendering it cannot make, an option it does not implement.
 * It may name the request parameter that asked for it: HTTP answers 415 when that is the
 * request's {@code Content-Type} (what the client sent), 406 otherwise (what the client asked for).
 */
public non-sealed class UnsupportedException extends ArchiveException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    /** With what is not supported. */
    public UnsupportedException(String message) {
        this(null, message, null);
    }

    /**
     * @param parameter the parameter or header that asked for it (e.g. {@code Accept},
     *                  {@code Content-Type}, {@code transferSyntax}), or null
     * @param message   what is not supported, and what is
     * @param cause     the failure behind it, for the log, or null
     */
    public UnsupportedException(String parameter, String message, Throwable cause) {
        super(message, cause);
        this.parameter = parameter;
    }

    /** The parameter or header that asked for what is not supported, when there is one. */
    public Optional<String> parameter() {
        return Optional.ofNullable(parameter);
    }

    @Override
    public final FailureKind kind() {
        return FailureKind.UNSUPPORTED;
    }
}
