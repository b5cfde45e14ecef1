package org.vesalius.vna.hl7.receive;

import java.util.Objects;
import java.util.function.Predicate;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mllp.MllpConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MLLP listener, a Camel route on {@code camel-mllp}: each framed message goes to the
 * {@link MessageIntake}, and its answer is sent back as the acknowledgement (the component's own
 * acknowledgements are off). A sender whose address is not admitted gets its connection closed,
 * no answer, and is reported to {@code refused}.
 */
public final class MllpRoutes extends RouteBuilder {

    /** The route's id (metrics, logs). */
    public static final String ROUTE_ID = "hl7-mllp-receive";

    private static final Logger LOG = LoggerFactory.getLogger(MllpRoutes.class);

    private final MllpSettings settings;
    private final MessageIntake intake;
    private final Predicate<String> admitted;
    private final RefusedPeers refused;

    /** Called for a sender refused for its address. */
    @FunctionalInterface
    public interface RefusedPeers {
        void refused(String peer);
    }

    public MllpRoutes(MllpSettings settings, MessageIntake intake, Predicate<String> admitted, RefusedPeers refused) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.admitted = Objects.requireNonNull(admitted, "admitted");
        this.refused = Objects.requireNonNull(refused, "refused");
    }

    @Override
    public void configure() {
        from(settings.endpointUri()).routeId(ROUTE_ID).process(this::receive);
    }

    private void receive(Exchange exchange) {
        String peer = peerOf(exchange.getMessage().getHeader(MllpConstants.MLLP_REMOTE_ADDRESS, "", String.class));
        if (!admitted.test(peer)) {
            LOG.warn("HL7 MLLP connection from {} refused: not in vna.hl7.access.networks", peer);
            refused.refused(peer);
            cutOff(exchange);
            return;
        }
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        try {
            exchange.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT, intake.receive(raw == null ? new byte[0] : raw, peer));
        } catch (RuntimeException | Error e) {
            // Without an acknowledgement the component would send nothing and leave the sender waiting.
            LOG.error("HL7 message from {} could not be handled; its connection is reset", peer, e);
            cutOff(exchange);
        }
    }

    /**
     * The connection reset, nothing sent. An (empty) acknowledgement is set all the same: without
     * one, camel-mllp reports a missing acknowledgement as an error of the route.
     */
    private static void cutOff(Exchange exchange) {
        exchange.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT, new byte[0]);
        exchange.setProperty(MllpConstants.MLLP_RESET_CONNECTION_BEFORE_SEND, true);
    }

    /** The address alone of the component's {@code /10.1.2.3:40000} or {@code /[::1]:40000}. */
    static String peerOf(String remote) {
        String s = remote.startsWith("/") ? remote.substring(1) : remote;
        int colon = s.lastIndexOf(':');
        if (colon > 0 && s.indexOf(':') != colon || s.startsWith("[")) {
            int bracket = s.indexOf(']');
            return bracket > 0 ? s.substring(s.startsWith("[") ? 1 : 0, bracket) : s;
        }
        return colon > 0 ? s.substring(0, colon) : s;
    }
}
