package org.vesalius.vna.server.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS for the DICOMweb and WADO-URI endpoints, from {@link CorsProperties}. The headers a viewer
 * reads from responses (ETag, Content-Location, Warning, ranges) are exposed; preflights are
 * answered by Spring before any controller runs.
 */
@Configuration(proxyBeanMethods = false)
class CorsConfiguration {

    static final String[] EXPOSED = {"ETag", "Content-Location", "Content-Length", "Content-Range", "Accept-Ranges", "Warning",
        "Retry-After", "Location", "Content-Encoding"};

    @Bean
    WebMvcConfigurer dicomWebCors(CorsProperties cors) {
        return new WebMvcConfigurer() {
            @Override
            public void addCorsMappings(CorsRegistry registry) {
                if (cors.allowedOrigins().isEmpty()) {
                    return;
                }
                for (String path : new String[] {"/dicomweb/**", "/wado"}) {
                    registry.addMapping(path)
                            .allowedOriginPatterns(cors.allowedOrigins().toArray(String[]::new))
                            .allowedMethods("GET", "HEAD", "POST", "OPTIONS")
                            .allowedHeaders("*")
                            .exposedHeaders(EXPOSED)
                            .allowCredentials(cors.allowCredentials())
                            .maxAge(cors.maxAge().toSeconds());
                }
            }
        };
    }
}
