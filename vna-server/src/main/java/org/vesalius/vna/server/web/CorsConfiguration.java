package org.vesalius.vna.server.web;

import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * CORS for the DICOMweb and WADO-URI endpoints, from {@link CorsProperties}: Spring's
 * {@link CorsFilter}, ahead of every other filter, so that a preflight is answered before the
 * token check (a browser sends none with it) and a refusal (401) still reaches the viewer readably.
 * The headers a viewer reads from responses (ETag, Content-Location, Warning, ranges) are exposed.
 * With no allowed origin (the default) the filter is not registered: same-origin needs none, and
 * every response would otherwise carry {@code Vary} headers for nothing.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

    static final String[] EXPOSED = {"ETag", "Content-Location", "Content-Length", "Content-Range", "Accept-Ranges", "Warning",
        "Retry-After", "Location", "Content-Encoding"};
    static final String[] PATHS = {"/dicomweb/**", "/wado"};

    @Bean
    FilterRegistrationBean<CorsFilter> dicomWebCors(CorsProperties cors) {
        org.springframework.web.cors.CorsConfiguration rules = new org.springframework.web.cors.CorsConfiguration();
        rules.setAllowedOriginPatterns(cors.allowedOrigins());
        rules.setAllowedMethods(List.of("GET", "HEAD", "POST", "OPTIONS"));
        rules.addAllowedHeader("*");
        rules.setExposedHeaders(List.of(EXPOSED));
        rules.setAllowCredentials(cors.allowCredentials());
        rules.setMaxAge(cors.maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        for (String path : PATHS) {
            source.registerCorsConfiguration(path, rules);
        }
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setEnabled(!cors.allowedOrigins().isEmpty());
        return registration;
    }
}
