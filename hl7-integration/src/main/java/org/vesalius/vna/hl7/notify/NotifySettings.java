package org.vesalius.vna.hl7.notify;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How studies are notified.
 *
 * @param destinations  who is told
 * @param quietPeriod   a study is stable (and told of) when no instance of it arrived for this long
 * @param scanInterval  how often the index is asked for studies that became stable
 * @param retryInitial  the wait before the second attempt of a delivery; doubled each time after
 * @param retryMax      the longest wait between two attempts
 * @param sendTimeout   how long an attempt waits for the receiver's acknowledgement
 * @param links         the addresses the messages link to
 * @param tls           MLLP over TLS to every destination with this context (its host name checked
 *                      against the certificate), or null for plain TCP
 */
public record NotifySettings(List<Destination> destinations, Duration quietPeriod, Duration scanInterval, Duration retryInitial,
        Duration retryMax, Duration sendTimeout, StudyLinks links, SSLContext tls) {

    /** Over plain TCP. */
    public NotifySettings(List<Destination> destinations, Duration quietPeriod, Duration scanInterval, Duration retryInitial,
            Duration retryMax, Duration sendTimeout, StudyLinks links) {
        this(destinations, quietPeriod, scanInterval, retryInitial, retryMax, sendTimeout, links, null);
    }

    public NotifySettings {
        destinations = List.copyOf(destinations);
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        Objects.requireNonNull(scanInterval, "scanInterval");
        Objects.requireNonNull(retryInitial, "retryInitial");
        Objects.requireNonNull(retryMax, "retryMax");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        Objects.requireNonNull(links, "links");
        if (scanInterval.isNegative() || scanInterval.isZero() || retryInitial.isNegative() || retryInitial.isZero()) {
            throw new IllegalArgumentException("scan interval and first retry wait must be positive");
        }
    }

    /** The wait after {@code attempts} failed attempts: {@code retryInitial} doubled each time, at most {@code retryMax}. */
    public Duration backoff(int attempts) {
        Duration wait = retryInitial;
        for (int i = 1; i < attempts && wait.compareTo(retryMax) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(retryMax) > 0 ? retryMax : wait;
    }
}
