package io.billstream.gateway.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.gateway.GatewayProperties;
import io.billstream.gateway.domain.AccessTokens;
import io.billstream.gateway.domain.Authenticator;
import io.billstream.gateway.domain.CsrfTokens;
import io.billstream.gateway.domain.LoginAttempts;
import io.billstream.gateway.domain.LoginThrottle;
import io.billstream.gateway.idempotency.ApiKeySecretRedactor;
import io.billstream.gateway.idempotency.GatewayInstanceLock;
import io.billstream.gateway.idempotency.IdempotencyFilter;
import io.billstream.gateway.persistence.SeenInvoiceVersions;
import io.billstream.gateway.routing.InvoiceVersionsSeen;
import io.billstream.gateway.routing.SeenVersionFilter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.http.server.RequestPath;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.ServletRequestPathUtils;
import io.billstream.gateway.persistence.IdempotencyRepository;
import io.billstream.gateway.ratelimit.RateLimitFilter;
import io.billstream.gateway.web.AuthenticationFilter;
import io.billstream.gateway.web.PrincipalArgumentResolver;
import io.billstream.platform.web.RequestIds;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.List;

/**
 * The gateway's servlet filters, after the platform's request-id (+10) and body-size (+20) filters:
 * CORS (+25) → authentication (+40) → rate limits (+50) → idempotency (+60) → Spring MVC (own controllers or routes).
 */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(GatewayProperties.class)
public class WebConfiguration {

    @Bean
    PasswordEncoder passwordEncoder(GatewayProperties properties) {
        return new BCryptPasswordEncoder(properties.passwords().bcryptStrength());
    }

    @Bean
    AccessTokens accessTokens(GatewayProperties properties, Clock clock) {
        return new AccessTokens(properties.accessToken().secret(), properties.accessToken().ttl(), clock);
    }

    @Bean
    CsrfTokens csrfTokens(GatewayProperties properties) {
        return new CsrfTokens(properties.accessToken().secret());
    }

    @Bean
    LoginThrottle loginThrottle(LoginAttempts attempts, GatewayProperties properties, Clock clock) {
        GatewayProperties.LoginThrottle settings = properties.loginThrottle();
        return new LoginThrottle(attempts, new LoginThrottle.Policy(settings.accountThreshold(),
                settings.addressThreshold(), settings.window(), settings.lockout(), settings.maxLockout()), clock);
    }

    @Bean
    FilterRegistrationBean<AuthenticationFilter> authenticationFilter(Authenticator authenticator, ObjectMapper mapper,
                                                                      CsrfTokens csrf) {
        FilterRegistrationBean<AuthenticationFilter> registration =
                new FilterRegistrationBean<>(new AuthenticationFilter(authenticator, mapper, csrf));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 40);
        return registration;
    }

    @Bean
    FilterRegistrationBean<RateLimitFilter> rateLimitFilter(GatewayProperties properties, ObjectMapper mapper) {
        FilterRegistrationBean<RateLimitFilter> registration =
                new FilterRegistrationBean<>(new RateLimitFilter(properties.rateLimit(), mapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 50);
        return registration;
    }

    @Bean
    GatewayInstanceLock gatewayInstanceLock(DataSourceProperties dataSource, JdbcClient jdbc) {
        return new GatewayInstanceLock(dataSource, jdbc);
    }

    @Bean
    ApiKeySecretRedactor apiKeySecretRedactor(ObjectMapper mapper) {
        return new ApiKeySecretRedactor(mapper);
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyRepository records, ObjectMapper mapper,
                                                                GatewayProperties properties, Clock clock,
                                                                GatewayInstanceLock owners,
                                                                RouterFunction<ServerResponse> serviceRouter,
                                                                ApiKeySecretRedactor redactor) {
        FilterRegistrationBean<IdempotencyFilter> registration = new FilterRegistrationBean<>(new IdempotencyFilter(
                records, mapper, properties, clock, owners, request -> routed(serviceRouter, request), redactor));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 60);
        return registration;
    }

    @Bean
    @ConditionalOnExpression("!'${billstream.gateway.cors.allowed-origins:}'.isBlank()")
    FilterRegistrationBean<CorsFilter> corsFilter(GatewayProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_MATCH,
                HttpHeaders.IF_NONE_MATCH, IdempotencyFilter.HEADER, RequestIds.HEADER, "traceparent", "tracestate"));
        cors.setExposedHeaders(List.of(RequestIds.HEADER, HttpHeaders.ETAG, HttpHeaders.LOCATION,
                HttpHeaders.RETRY_AFTER, IdempotencyFilter.REPLAYED, "RateLimit-Limit", "RateLimit-Remaining",
                "RateLimit-Reset"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(new CorsFilter(source));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
        return registration;
    }

    @Bean
    InvoiceVersionsSeen invoiceVersionsSeen(SeenInvoiceVersions versions, Clock clock) {
        return new InvoiceVersionsSeen(versions, clock, SeenInvoiceVersions.KEPT);
    }

    @Bean
    FilterRegistrationBean<SeenVersionFilter> seenVersionFilter(InvoiceVersionsSeen seen, ObjectMapper mapper) {
        FilterRegistrationBean<SeenVersionFilter> registration = new FilterRegistrationBean<>(
                new SeenVersionFilter(seen, mapper));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 65);
        return registration;
    }

    /** Whether one of the service routes (rather than the gateway's own controllers) will answer this request. */
    private static boolean routed(RouterFunction<ServerResponse> serviceRouter, HttpServletRequest request) {
        RequestPath previous = ServletRequestPathUtils.hasParsedRequestPath(request)
                ? ServletRequestPathUtils.getParsedRequestPath(request) : null;
        try {
            ServletRequestPathUtils.parseAndCache(request);
            return serviceRouter.route(ServerRequest.create(request, List.of())).isPresent();
        } catch (RuntimeException e) {
            return true;   // unsure: then no local transaction; the service's record still guards the effect
        } finally {
            ServletRequestPathUtils.setParsedRequestPath(previous, request);
        }
    }

    @Bean
    WebMvcConfigurer principalResolverConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new PrincipalArgumentResolver());
            }
        };
    }
}
