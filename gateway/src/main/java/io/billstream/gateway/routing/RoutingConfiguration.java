package io.billstream.gateway.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.gateway.GatewayProperties;
import io.billstream.platform.security.InternalTokenService;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RequestPredicate;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

import java.util.List;
import java.util.Map;

import static org.springframework.cloud.gateway.server.mvc.handler.GatewayRouterFunctions.route;
import static org.springframework.cloud.gateway.server.mvc.handler.HandlerFunctions.http;
import static org.springframework.web.servlet.function.RequestPredicates.path;

/**
 * Routing: which public paths each service serves. The PDF and email paths (document-service sends
 * invoices) are matched before the invoice paths they would otherwise fall under.
 */
@Configuration
public class RoutingConfiguration {

    @Bean
    public ServiceRoutes serviceRoutes(GatewayProperties properties, CircuitBreakerRegistry breakers) {
        GatewayProperties.Routes routes = properties.routes();
        return new ServiceRoutes(Map.of(
                "invoice", new Upstreams("invoice", GatewayProperties.Routes.parse(routes.invoice()), breakers),
                "payment", new Upstreams("payment", GatewayProperties.Routes.parse(routes.payment()), breakers),
                "document", new Upstreams("document", GatewayProperties.Routes.parse(routes.document()), breakers),
                "webhook", new Upstreams("webhook", GatewayProperties.Routes.parse(routes.webhook()), breakers)));
    }

    @Bean
    public RouterFunction<ServerResponse> serviceRouter(ServiceRoutes services, InternalTokenService tokens,
                                                        ObjectMapper mapper, GatewayProperties properties) {
        return routeTo(services.get("document"), path("/v1/invoices/{id}/pdf")
                        .or(path("/v1/invoices/{id}/send")).or(path("/v1/invoices/{id}/emails"))
                        .or(path("/v1/credit-notes/{id}/pdf"))
                        .or(path("/v1/invoices/{id}/einvoice")).or(path("/v1/credit-notes/{id}/einvoice")),
                tokens, mapper, properties)
                .and(routeTo(services.get("invoice"), path("/v1/customers/**").or(path("/v1/settings"))
                        .or(path("/v1/invoices/**")).or(path("/v1/recurring-invoices/**"))
                        .or(path("/v1/credit-notes/**")), tokens, mapper, properties))
                .and(routeTo(services.get("payment"), path("/v1/payments/**"), tokens, mapper, properties))
                .and(routeTo(services.get("webhook"), path("/v1/webhook-endpoints/**")
                        .or(path("/v1/webhook-messages/**")).or(path("/v1/webhook-event-types"))
                        .or(path("/v1/notifications/**")), tokens, mapper, properties));
    }

    private static RouterFunction<ServerResponse> routeTo(Upstreams upstreams, RequestPredicate paths,
                                                          InternalTokenService tokens, ObjectMapper mapper,
                                                          GatewayProperties properties) {
        return route(upstreams.route())
                .route(paths, http())
                .filter(new ProxyFilter(upstreams, tokens, mapper, properties.upstream().retryAfter()))
                .build();
    }

    /** The upstream instances of each service, by route name. */
    public record ServiceRoutes(Map<String, Upstreams> byName) {
        public Upstreams get(String name) {
            return byName.get(name);
        }

        public List<Upstreams> all() {
            return List.of(get("invoice"), get("payment"), get("document"), get("webhook"));
        }
    }
}
