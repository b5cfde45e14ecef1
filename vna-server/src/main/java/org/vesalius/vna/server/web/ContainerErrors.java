package org.vesalius.vna.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * What the servlet container does before our code runs.
 *
 * <ul>
 *   <li>It accepts the characters DICOM values carry, raw, in the query string and the path:
 *       {@code ^} (person name components, {@code PatientName=DOE^JOHN}), {@code |}, {@code [},
 *       {@code ]}, {@code {}, {@code }}. People type them in curl and several clients send them
 *       unescaped; RFC 3986 wants them percent-encoded, and Tomcat refuses them by default with
 *       its own HTML 400 page.</li>
 *   <li>Whatever it still refuses (a {@code %} that starts no escape, a malformed request line,
 *       a header block too large) is answered as {@code application/problem+json} in the archive's
 *       failure vocabulary, by {@link ProblemReportValve} in place of Tomcat's HTML report.</li>
 *   <li>A body its handler abandoned ({@link AbandonedBody}) is dropped, not drained.</li>
 * </ul>
 */
@Component
class ContainerErrors implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    /** The characters accepted raw in the query string and the path. */
    static final String RELAXED_CHARS = "^|[]{}";

    private final ObjectMapper json;

    ContainerErrors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Spring Boot's own Tomcat customizations
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("relaxedQueryChars", RELAXED_CHARS);
            connector.setProperty("relaxedPathChars", RELAXED_CHARS);
        });
        factory.addContextValves(new AbandonedBody.Valve());
        factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                // The host adds an error valve of this class only when it has none of it.
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
                host.getPipeline().addValve(new ProblemReportValve(json));
                // Spring Boot adds a plain ErrorReportValve too; whatever added it, it goes once the host runs.
                host.addLifecycleListener(event -> {
                    if (Lifecycle.AFTER_START_EVENT.equals(event.getType())) {
                        removeHtmlReports(host);
                    }
                });
                removeHtmlReports(host);
            }
        });
    }

    private static void removeHtmlReports(Container host) {
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                host.getPipeline().removeValve(valve);
            }
        }
    }
}
