package io.billstream.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billstream.gateway.GatewayProperties;
import io.billstream.gateway.routing.RoutingConfiguration.ServiceRoutes;
import io.billstream.gateway.routing.Upstreams;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.webmvc.api.OpenApiWebMvcResource;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactorySettings;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /v1/openapi.json}: the gateway's own endpoints (from springdoc) merged with each service's
 * {@code /v3/api-docs}, fetched in parallel. A service that does not answer does not fail the document.
 */
@RestController
@Hidden
public class OpenApiController {

    private static final Logger log = LoggerFactory.getLogger(OpenApiController.class);
    private static final List<String> OWN_PATHS = List.of("/v1/signup", "/v1/login", "/v1/logout", "/v1/users",
            "/v1/api-keys", "/v1/graphql");

    private final OpenApiWebMvcResource ownDocument;
    private final ServiceRoutes services;
    private final ObjectMapper mapper;
    private final RestClient client;
    private final Map<String, JsonNode> lastSeen = new ConcurrentHashMap<>();
    /** The common pool may have a single worker on a small host; these waits are I/O. */
    private final ExecutorService fetchers = Executors.newVirtualThreadPerTaskExecutor();

    public OpenApiController(OpenApiWebMvcResource ownDocument, ServiceRoutes services, ObjectMapper mapper,
                             GatewayProperties properties) {
        this.ownDocument = ownDocument;
        this.services = services;
        this.mapper = mapper;
        this.client = RestClient.builder()
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(ClientHttpRequestFactorySettings.defaults()
                        .withConnectTimeout(properties.upstream().openApiTimeout())
                        .withReadTimeout(properties.upstream().openApiTimeout())))
                .build();
    }

    @GetMapping(path = "/v1/openapi.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public JsonNode openApi(HttpServletRequest request) throws IOException {
        ObjectNode merged = (ObjectNode) mapper.readTree(ownDocument.openapiJson(request, "/v3/api-docs", Locale.ROOT));
        ObjectNode paths = mapper.createObjectNode();
        copyPaths(merged.path("paths"), paths, true);
        List<CompletableFuture<JsonNode>> documents = services.all().stream()
                .map(upstreams -> CompletableFuture.supplyAsync(() -> fetch(upstreams), fetchers))
                .toList();
        for (CompletableFuture<JsonNode> pending : documents) {
            JsonNode document = pending.join();
            if (document != null) {
                copyPaths(document.path("paths"), paths, false);
                mergeComponents(document.path("components"), merged.withObject("/components"));
                mergeTags(document.path("tags"), merged);
            }
        }
        merged.set("paths", paths);
        merged.putObject("info").put("title", "Billstream API").put("version", "v1");
        merged.putArray("servers").addObject().put("url", "/");
        merged.withObject("/components").withObject("/securitySchemes").putObject("bearerAuth")
                .put("type", "http").put("scheme", "bearer")
                .put("description", "An access token from POST /v1/login or an API key (bsk_...).");
        merged.putArray("security").addObject().putArray("bearerAuth");
        return merged;
    }

    /**
     * From the first instance that answers; when none does, the last document this gateway saw from that service
     * (a service that was never reachable is left out).
     */
    private JsonNode fetch(Upstreams upstreams) {
        for (Upstreams.Instance instance : upstreams.instances()) {
            String url = instance.baseUrl() + "/v3/api-docs";
            try {
                JsonNode document = mapper.readTree(client.get().uri(url).retrieve().body(String.class));
                lastSeen.put(upstreams.route(), document);
                return document;
            } catch (Exception e) {
                log.warn("OpenAPI document of {} unavailable at {}: {}", upstreams.route(), url, e.toString());
            }
        }
        return lastSeen.get(upstreams.route());
    }

    private static void copyPaths(JsonNode from, ObjectNode into, boolean ownOnly) {
        for (Iterator<Map.Entry<String, JsonNode>> it = from.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            boolean own = OWN_PATHS.stream().anyMatch(p -> path.getKey().equals(p) || path.getKey().startsWith(p + "/"));
            if (path.getKey().startsWith("/v1/") && own == ownOnly && !into.has(path.getKey())) {
                into.set(path.getKey(), path.getValue());
            }
        }
    }

    private static void mergeComponents(JsonNode from, ObjectNode into) {
        for (Iterator<Map.Entry<String, JsonNode>> kinds = from.fields(); kinds.hasNext(); ) {
            Map.Entry<String, JsonNode> kind = kinds.next();
            ObjectNode target = into.withObject("/" + kind.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> it = kind.getValue().fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> component = it.next();
                if (!target.has(component.getKey())) {
                    target.set(component.getKey(), component.getValue());
                }
            }
        }
    }

    private static void mergeTags(JsonNode from, ObjectNode into) {
        if (from.isArray() && !from.isEmpty()) {
            ArrayNode tags = into.withArray("/tags");
            from.forEach(tags::add);
        }
    }
}
