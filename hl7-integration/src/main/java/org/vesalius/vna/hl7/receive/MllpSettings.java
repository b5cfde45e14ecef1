package org.vesalius.vna.hl7.receive;

import java.time.Duration;
import java.util.Objects;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * Where and how the MLLP listener listens.
 *
 * @param bindAddress     the local address (127.0.0.1 by default: this machine only)
 * @param port            the TCP port (2575)
 * @param maxMessageBytes the largest message taken; a larger one is refused and its connection closed
 * @param receiveTimeout  how long a connection may stay silent between messages before it is closed
 * @param readTimeout     how long a message may take between two reads once it has started
 * @param maxConnections  connections served at once; one more is reset
 * @param tls             MLLP over TLS with these parameters, or null for plain TCP
 */
public record MllpSettings(String bindAddress, int port, int maxMessageBytes, Duration receiveTimeout, Duration readTimeout,
        int maxConnections, SSLContextParameters tls) {

    /** Plain TCP. */
    public MllpSettings(String bindAddress, int port, int maxMessageBytes, Duration receiveTimeout, Duration readTimeout,
            int maxConnections) {
        this(bindAddress, port, maxMessageBytes, receiveTimeout, readTimeout, maxConnections, null);
    }

    /** The scheme of the guarded camel-mllp component ({@link GuardedMllpComponent}). */
    static final String SCHEME = "vna-mllp";

    public MllpSettings {
        Objects.requireNonNull(bindAddress, "bindAddress");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024: " + maxMessageBytes);
        }
        Objects.requireNonNull(receiveTimeout, "receiveTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1: " + maxConnections);
        }
    }

    /** The consumer endpoint ({@link GuardedMllpComponent} sets the message size limit). */
    String endpointUri() {
        String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        return SCHEME + "://" + host + ":" + port + "?autoAck=false&hl7Headers=false&stringPayload=false&validatePayload=false"
                + "&requireEndOfData=true"
                + "&receiveTimeout=" + receiveTimeout.toMillis() + "&readTimeout=" + readTimeout.toMillis()
                + "&maxConcurrentConsumers=" + maxConnections + "&backlog=" + maxConnections
                // A port that is taken is reported within seconds, not after Camel's default half minute.
                + "&bindTimeout=5000&bindRetryInterval=1000&exchangePattern=InOut";
    }
}
