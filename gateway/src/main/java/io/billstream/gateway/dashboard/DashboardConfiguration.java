package io.billstream.gateway.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Serves the built web dashboard (dashboard/dist) at {@code /} from the directory in
 * {@code billstream.gateway.dashboard.location} (env {@code BILLSTREAM_GATEWAY_DASHBOARD_LOCATION}); no Node at
 * runtime. The app's own routes (its top-level sections, without a file extension) get {@code index.html}, so they
 * survive a reload; any other unknown path stays a 404 problem+json like every unknown path of the gateway.
 * The API, Swagger UI and actuator keep their handlers. Every non-API response gets a strict Content-Security-Policy.
 */
@Configuration
public class DashboardConfiguration {

    /** Only same-origin code and data; the PDF preview is a same-origin frame; nobody may frame the app. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** The first path segments of the app's routes (dashboard/src/App.tsx). */
    private static final Set<String> APP_SECTIONS = Set.of("login", "signup", "invoices", "customers", "recurring",
            "webhooks", "notifications", "settings", "users", "api-keys");
    private static final Logger log = LoggerFactory.getLogger(DashboardConfiguration.class);

    @Bean
    WebMvcConfigurer dashboardResources(@Value("${billstream.gateway.dashboard.location:}") String location) {
        return new WebMvcConfigurer() {
            @Override
            public void addViewControllers(ViewControllerRegistry registry) {
                // the resource handler never sees an empty path
                if (location != null && !location.isBlank()) {
                    registry.addViewController("/").setViewName("forward:/index.html");
                }
            }

            @Override
            public void addResourceHandlers(ResourceHandlerRegistry registry) {
                if (location == null || location.isBlank()) {
                    return;
                }
                Path root = Path.of(location).toAbsolutePath().normalize();
                if (!Files.isRegularFile(root.resolve("index.html"))) {
                    log.warn("no dashboard at {} (index.html missing): build it with `npm ci && npm run build` "
                            + "in dashboard/", root);
                }
                FileSystemResource index = new FileSystemResource(root.resolve("index.html"));
                // hashed file names under assets/ never change; index.html must be revalidated
                registry.addResourceHandler("/assets/**")
                        .addResourceLocations(new FileSystemResource(root.resolve("assets") + "/"))
                        .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
                registry.addResourceHandler("/**")
                        .addResourceLocations(new FileSystemResource(root + "/"))
                        .setCacheControl(CacheControl.noCache())
                        .resourceChain(false)
                        .addResolver(new PathResourceResolver() {
                            @Override
                            protected Resource getResource(String path, Resource location) throws IOException {
                                Resource found = super.getResource(path, location);
                                if (found != null) {
                                    return found;
                                }
                                String section = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
                                boolean appRoute = APP_SECTIONS.contains(section)
                                        && !path.substring(path.lastIndexOf('/') + 1).contains(".");
                                return appRoute && index.exists() ? index : null;
                            }
                        });
            }
        };
    }

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> dashboardSecurityHeaders() {
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                // Swagger UI and GraphiQL bring their own pages, with inline scripts this policy would block
                String uri = request.getRequestURI();
                return uri.startsWith("/v1/") || uri.startsWith("/docs") || uri.startsWith("/swagger-ui")
                        || uri.startsWith("/graphiql");
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Referrer-Policy", "same-origin");
                response.setHeader("X-Frame-Options", "DENY");
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return registration;
    }
}
