package org.vesalius.vna.server.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.handler.AbstractUrlHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * The server's own HTTP endpoints, read from the running context: every Spring MVC request
 * mapping (controllers, the error controller, actuator endpoints: they are
 * {@link RequestMappingInfoHandlerMapping}s all), every URL handler mapping (static resources:
 * the viewer, redirects and view controllers) and every servlet registration (the FHIR servlet).
 * Each becomes one request with a sample path ({@code {study}} filled in, {@code **} and
 * {@code *} given segments) per method it answers.
 */
final class ServerEndpoints {

    /** One request standing for an endpoint. */
    record Endpoint(HttpMethod method, String pattern, String samplePath, String source) {

        MockHttpServletRequest request() {
            MockHttpServletRequest request = new MockHttpServletRequest(method.name(), samplePath);
            request.setRequestURI(samplePath);
            return request;
        }

        @Override
        public String toString() {
            return method + " " + pattern + " (" + source + ")";
        }
    }

    private ServerEndpoints() {
    }

    static List<Endpoint> of(ApplicationContext context) {
        Set<String> seen = new TreeSet<>();
        List<Endpoint> endpoints = new ArrayList<>();
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).forEach((name, mapping) -> {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    for (HttpMethod method : methods.isEmpty() ? List.of(HttpMethod.GET, HttpMethod.POST)
                            : methods.stream().map(m -> HttpMethod.valueOf(m.name())).toList()) {
                        add(endpoints, seen, new Endpoint(method, pattern, sample(pattern), name));
                    }
                }
            }
        });
        context.getBeansOfType(AbstractUrlHandlerMapping.class).forEach((name, mapping) -> {
            for (String pattern : mapping.getHandlerMap().keySet()) {
                add(endpoints, seen, new Endpoint(HttpMethod.GET, pattern, sample(pattern), name));
            }
        });
        for (ServletRegistrationBean<?> servlet : context.getBeansOfType(ServletRegistrationBean.class).values()) {
            if (servlet.getServlet() instanceof DispatcherServlet) {
                continue;  // its endpoints are the handler mappings above
            }
            for (String mapping : servlet.getUrlMappings()) {
                for (HttpMethod method : List.of(HttpMethod.GET, HttpMethod.POST)) {
                    add(endpoints, seen, new Endpoint(method, mapping, sample(mapping.replace("/*", "/Patient")), "servlet " + servlet.getServletName()));
                }
            }
        }
        return endpoints;
    }

    private static void add(List<Endpoint> endpoints, Set<String> seen, Endpoint endpoint) {
        if (seen.add(endpoint.method() + " " + endpoint.samplePath())) {
            endpoints.add(endpoint);
        }
    }

    /** A concrete path the pattern matches: variables become UIDs, wildcards segments. */
    static String sample(String pattern) {
        String path = pattern.replaceAll("\\{\\*[^}]*}", "x")
                .replaceAll("\\{frames?}", "1")
                .replaceAll("\\{[^}]*}", "1.2.3")
                .replace("**", "x/y")
                .replace("*", "x");
        return path.isEmpty() ? "/" : path;
    }
}
