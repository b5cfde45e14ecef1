package org.vesalius.vna.server.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * A request body its handler gave up on because of the client (one that trickles in below the
 * minimum rate) is dropped with the connection, not drained: Tomcat would otherwise read the rest
 * of it, at the client's pace, before closing, and keep the connection and its thread meanwhile.
 * Bodies refused for other reasons are still drained (up to {@code server.tomcat.max-swallow-size})
 * so that a client still sending reads its answer rather than a reset connection.
 */
public final class AbandonedBody {

    private static final String ATTRIBUTE = AbandonedBody.class.getName();

    private AbandonedBody() {
    }

    /** Marks the rest of {@code request}'s body as not worth reading: the connection closes after the answer. */
    public static void abandon(HttpServletRequest request) {
        request.setAttribute(ATTRIBUTE, Boolean.TRUE);
    }

    /** The context valve that tells the connector (installed by {@link ContainerErrors}). */
    static final class Valve extends ValveBase {

        Valve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            getNext().invoke(request, response);
            if (request.getAttribute(ATTRIBUTE) != null) {
                // Also ends keep-alive: the connection closes once the answer is written.
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}
