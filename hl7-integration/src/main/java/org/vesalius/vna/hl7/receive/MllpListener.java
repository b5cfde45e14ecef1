package org.vesalius.vna.hl7.receive;

import java.util.Objects;
import java.util.function.Predicate;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running MLLP listener: a Camel context of its own holding the {@link MllpRoutes} route,
 * started only when HL7 is switched on (the rest of the archive does not carry Camel's start-up).
 * Closing stops the route (connections are closed) and the context.
 */
public final class MllpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MllpListener.class);

    private final CamelContext camel;
    private final MllpSettings settings;

    private MllpListener(CamelContext camel, MllpSettings settings) {
        this.camel = camel;
        this.settings = settings;
    }

    /**
     * Binds and starts listening.
     *
     * @param admitted whether a sender's address (text, e.g. {@code 10.1.2.3}) may send messages
     * @param refused  told of each sender refused for its address
     * @throws IllegalStateException the port could not be bound
     */
    public static MllpListener start(MllpSettings settings, MessageIntake intake, Predicate<String> admitted,
            MllpRoutes.RefusedPeers refused) {
        Objects.requireNonNull(settings, "settings");
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.getCamelContextExtension().setName("vesalius-hl7");
        camel.disableJMX();
        try {
            camel.addComponent(MllpSettings.SCHEME, new GuardedMllpComponent(Math.max(8, settings.maxConnections() * 2), settings.maxMessageBytes(),
                    settings.tls()));
            camel.addRoutes(new MllpRoutes(settings, intake, admitted, refused));
            camel.start();
        } catch (Exception e) {
            camel.stop();
            throw new IllegalStateException("the HL7 MLLP listener cannot start on " + settings.bindAddress() + ":" + settings.port()
                    + ": " + e.getMessage(), e);
        }
        LOG.info("HL7 MLLP listener on {}:{}{} (messages up to {} bytes)", settings.bindAddress(), settings.port(),
                settings.tls() == null ? "" : " over TLS", settings.maxMessageBytes());
        return new MllpListener(camel, settings);
    }

    /** Where it listens. */
    public MllpSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        camel.stop();
    }
}
