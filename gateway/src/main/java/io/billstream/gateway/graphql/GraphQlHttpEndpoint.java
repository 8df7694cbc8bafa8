package io.billstream.gateway.graphql;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.web.ErrorStatus;
import io.billstream.platform.web.Problems;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/graphql} (a JSON object {@code {query, operationName?, variables?}}) and
 * {@code GET /v1/graphql?query=…&operationName=…&variables=…} (GraphQL over HTTP; queries only — a mutation by GET
 * is refused with 405, a GET must not change state). The request runs to its end on the servlet thread (links may
 * run on other threads meanwhile) and the answer is written synchronously: the gateway's filters around it — the
 * idempotency record that stores the answer, the platform's same-transaction record — see the finished response,
 * which an asynchronous servlet dispatch would hide from them. A body that is no GraphQL request is a 400 problem.
 */
class GraphQlHttpEndpoint implements HandlerFunction<ServerResponse> {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final WebGraphQlHandler handler;
    private final ObjectMapper mapper;

    GraphQlHttpEndpoint(WebGraphQlHandler handler, ObjectMapper mapper) {
        this.handler = handler;
        this.mapper = mapper;
    }

    @Override
    public ServerResponse handle(ServerRequest request) throws Exception {
        return HttpMethod.POST.equals(request.method()) ? post(request) : get(request);
    }

    private ServerResponse post(ServerRequest request) throws Exception {
        MediaType type = request.headers().contentType().orElse(null);
        if (type == null || !(MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || "graphql+json".equals(type.getSubtype()))) {
            return problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "A GraphQL request is a JSON object (Content-Type: application/json).");
        }
        Map<String, Object> body;
        try {
            body = mapper.readValue(request.body(byte[].class), new TypeReference<Map<String, Object>>() {
            });
        } catch (IOException e) {
            return problem(ErrorCode.MALFORMED_JSON, "The body is not a JSON object.");
        }
        if (body == null || !(body.get("query") instanceof String query) || query.isBlank()
                || body.get("operationName") != null && !(body.get("operationName") instanceof String)
                || body.get("variables") != null && !(body.get("variables") instanceof Map)) {
            return problem(ErrorCode.MALFORMED_REQUEST,
                    "A GraphQL request needs a query string; operationName is a string, variables an object.");
        }
        return execute(request, body);
    }

    private ServerResponse get(ServerRequest request) throws Exception {
        Optional<String> query = request.param("query");
        if (query.isEmpty() || query.get().isBlank()) {
            return problem(ErrorCode.MALFORMED_REQUEST, "The query parameter is required.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query.get());
        request.param("operationName").filter(s -> !s.isEmpty()).ifPresent(name -> body.put("operationName", name));
        Optional<String> variables = request.param("variables").filter(s -> !s.isEmpty());
        if (variables.isPresent()) {
            try {
                body.put("variables", mapper.readValue(variables.get(), new TypeReference<Map<String, Object>>() {
                }));
            } catch (IOException e) {
                return problem(ErrorCode.MALFORMED_JSON, "variables is not a JSON object.");
            }
        }
        if (isMutation(query.get(), (String) body.get("operationName"))) {
            return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).header(HttpHeaders.ALLOW, "POST")
                    .contentType(Problems.PROBLEM_JSON)
                    .body(mapper.writeValueAsString(Problems.of(ErrorCode.METHOD_NOT_ALLOWED,
                            "Mutations need POST.", List.of())));
        }
        return execute(request, body);
    }

    private ServerResponse execute(ServerRequest request, Map<String, Object> body) throws Exception {
        WebGraphQlRequest graphQlRequest;
        try {
            graphQlRequest = new WebGraphQlRequest(request.uri(), request.headers().asHttpHeaders(),
                    new LinkedMultiValueMap<>(), request.remoteAddress().orElse(null), request.attributes(), body,
                    java.util.UUID.randomUUID().toString(), request.servletRequest().getLocale());
        } catch (RuntimeException e) {
            return problem(ErrorCode.MALFORMED_REQUEST, "This is not a GraphQL request.");
        }
        WebGraphQlResponse response = handler.handleRequest(graphQlRequest).block(TIMEOUT);
        return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                .body(mapper.writeValueAsString(response.toMap()));
    }

    /** Whether the operation that would run is a mutation; an unparsable query is left to the engine to report. */
    private static boolean isMutation(String query, String operationName) {
        Document document;
        try {
            document = Parser.parse(query);
        } catch (RuntimeException e) {
            return false;
        }
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        return operations.stream()
                .filter(op -> operationName == null ? operations.size() == 1 : operationName.equals(op.getName()))
                .anyMatch(op -> op.getOperation() == OperationDefinition.Operation.MUTATION);
    }

    private ServerResponse problem(ErrorCode code, String detail) throws IOException {
        return ServerResponse.status(ErrorStatus.of(code)).contentType(Problems.PROBLEM_JSON)
                .body(mapper.writeValueAsString(Problems.of(code, detail, List.of())));
    }
}
