package io.billstream.gateway.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import io.billstream.gateway.routing.InvoiceVersionsSeen;
import io.billstream.gateway.routing.RoutingConfiguration;
import io.billstream.platform.security.InternalTokenService;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * GraphQL: {@code /v1/graphql} on the gateway (Spring for GraphQL, webmvc). The schema is
 * {@code graphql/billstream.graphqls}; resolvers reach the services only through {@link ServiceCalls}. Limits: query
 * depth (default 10) and complexity (default 5000, lists weighted by {@code first}, see {@link QueryComplexity}); the
 * 1 MiB body limit is the platform's body-size filter, as for REST.
 */
@Configuration
public class GraphQlConfiguration {

    @Bean
    ServiceCalls graphQlServiceCalls(RoutingConfiguration.ServiceRoutes routes, InternalTokenService tokens,
                                     RestClient.Builder clients, ObjectMapper mapper, MeterRegistry meters,
                                     InvoiceVersionsSeen seen) {
        return new ServiceCalls(routes, tokens, clients.build(), mapper, meters, seen);
    }

    @Bean
    RuntimeWiringConfigurer billstreamScalars() {
        return wiring -> Scalars.all().forEach(wiring::scalar);
    }

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(@Value("${billstream.gateway.graphql.max-depth:10}") int maxDepth) {
        return new MaxQueryDepthInstrumentation(maxDepth);
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(
            @Value("${billstream.gateway.graphql.max-complexity:5000}") int maxComplexity) {
        return new MaxQueryComplexityInstrumentation(maxComplexity, new QueryComplexity());
    }

    @Bean
    GraphQlRequestInterceptor graphQlRequestInterceptor() {
        return new GraphQlRequestInterceptor();
    }

    @Bean
    GraphQlErrors graphQlErrors() {
        return new GraphQlErrors();
    }

    /**
     * POST and GET on the GraphQL path, answered synchronously ({@link GraphQlHttpEndpoint}); consulted before
     * Boot's router, whose asynchronous answers the gateway's servlet filters could not record.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RouterFunction<ServerResponse> graphQlRouter(WebGraphQlHandler handler, ObjectMapper mapper,
                                                 @Value("${spring.graphql.http.path:/v1/graphql}") String path) {
        GraphQlHttpEndpoint endpoint = new GraphQlHttpEndpoint(handler, mapper);
        return RouterFunctions.route().GET(path, endpoint).POST(path, endpoint).build();
    }
}
