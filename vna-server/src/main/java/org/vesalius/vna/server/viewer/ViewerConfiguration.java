package org.vesalius.vna.server.viewer;

import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the OHIF Viewer build of {@code vna.viewer.directory} under {@code /viewer/}, on the
 * same origin as {@code /dicomweb}, so the viewer needs no CORS. OHIF routes on the client
 * ({@code /viewer/viewer?StudyInstanceUIDs=...}): a path without a file extension that names no
 * file gets {@code index.html}; a missing file with an extension (a script, a stylesheet) stays
 * 404, so a broken build shows as such. Files are looked up per request and revalidated by the
 * browser ({@code no-cache} with {@code Last-Modified}), so a re-installed viewer is picked up
 * without a restart.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ViewerConfiguration {

    static final String PATH = "/viewer/";
    private static final Logger LOG = LoggerFactory.getLogger(ViewerConfiguration.class);

    @Bean
    WebMvcConfigurer viewerResources(ViewerProperties viewer) {
        if (viewer.configured() && !viewer.installed()) {
            LOG.warn("vna.viewer.directory={} holds no index.html (yet): /viewer/ answers 404 until a viewer is installed "
                    + "there (./vna viewer-install)", viewer.directory());
        } else if (viewer.installed()) {
            LOG.info("serving the viewer in {} under {}", viewer.directory(), PATH);
        }
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                if (!viewer.configured()) {
                    return;
                }
                registry.addRedirectViewController("/viewer", PATH);
                // The resource handler gives an empty path nothing, so the root is forwarded.
                registry.addViewController(PATH).setViewName("forward:" + PATH + "index.html");
            }

            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                if (!viewer.configured()) {
                    return;
                }
                registry.addResourceHandler(PATH + "**")
                        .addResourceLocations(new FileSystemResource(viewer.directory().toString() + "/"))
                        .setCacheControl(CacheControl.noCache())
                        .resourceChain(false)
                        .addResolver(new ClientRouteFallback());
            }
        };
    }

    /** A file of the build, else {@code index.html} for a client-side route (no extension). */
    static final class ClientRouteFallback extends PathResourceResolver {

        @Override
        protected Resource getResource(String resourcePath, Resource location) throws IOException {
            Resource file = super.getResource(resourcePath, location);
            if (file != null || !isClientRoute(resourcePath)) {
                return file;
            }
            return super.getResource("index.html", location);
        }

        static boolean isClientRoute(String resourcePath) {
            String last = resourcePath.substring(resourcePath.lastIndexOf('/') + 1);
            return last.indexOf('.') < 0;
        }
    }
}
