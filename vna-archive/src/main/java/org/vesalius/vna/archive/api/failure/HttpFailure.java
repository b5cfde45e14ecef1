package org.vesalius.vna.archive.api.failure;

import java.util.Objects;

/**
 * The HTTP terms of a failure, decided once for every HTTP edge (QIDO-RS, STOW-RS, WADO-RS,
 * WADO-URI and whatever HTTP edge comes): the status, its reason phrase as the problem's title,
 * and the {@code Retry-After} seconds of an unavailable archive. The web layer writes it as an
 * RFC 9457 problem whose {@code code} member is the kind's stable code.
 *
 * <table>
 *   <caption>HTTP status per kind</caption>
 *   <tr><th>kind</th><th>status</th></tr>
 *   <tr><td>NOT_FOUND</td><td>404</td></tr>
 *   <tr><td>INVALID_REQUEST</td><td>400; 416 when the parameter is the {@code Range} header (RFC 9110 15.5.17)</td></tr>
 *   <tr><td>CONFLICT</td><td>409</td></tr>
 *   <tr><td>UNAVAILABLE</td><td>503 with {@code Retry-After}</td></tr>
 *   <tr><td>REFUSED</td><td>403</td></tr>
 *   <tr><td>TOO_LARGE</td><td>413</td></tr>
 *   <tr><td>UNSUPPORTED</td><td>415 when the parameter is the request's {@code Content-Type}; else 406</td></tr>
 * </table>
 *
 * @param status            the HTTP status
 * @param title             its reason phrase
 * @param retryAfterSeconds the {@code Retry-After} value, or -1 for none
 */
public record HttpFailure(int status, String title, long retryAfterSeconds) {

    /** The header naming a byte range (an invalid one is 416). */
    public static final String RANGE = "Range";
    /** The header naming the request's media type (an unsupported one is 415). */
    public static final String CONTENT_TYPE = "Content-Type";

    public HttpFailure {
        Objects.requireNonNull(title, "title");
    }

    /** The HTTP terms of {@code failure}. */
    public static HttpFailure of(ArchiveException failure) {
        return switch (failure) {
            case NotFoundException n -> new HttpFailure(404, "Not Found", -1);
            case InvalidRequestException i when RANGE.equalsIgnoreCase(i.parameter()) ->
                    new HttpFailure(416, "Range Not Satisfiable", -1);
            case InvalidRequestException i -> new HttpFailure(400, "Bad Request", -1);
            case ConflictException c -> new HttpFailure(409, "Conflict", -1);
            case UnavailableException u -> new HttpFailure(503, "Service Unavailable", Math.max(1, u.retryAfter().toSeconds()));
            case RefusedException r -> new HttpFailure(403, "Forbidden", -1);
            case TooLargeException t -> new HttpFailure(413, "Content Too Large", -1);
            case UnsupportedException u when u.parameter().filter(CONTENT_TYPE::equalsIgnoreCase).isPresent() ->
                    new HttpFailure(415, "Unsupported Media Type", -1);
            case UnsupportedException u -> new HttpFailure(406, "Not Acceptable", -1);
        };
    }
}
