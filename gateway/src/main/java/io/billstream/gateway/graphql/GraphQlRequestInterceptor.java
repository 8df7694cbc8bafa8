package io.billstream.gateway.graphql;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import io.billstream.gateway.domain.Principal;
import io.billstream.gateway.web.AuthenticationFilter;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.web.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Around every GraphQL request: puts the caller ({@link GraphQlCall}) into the GraphQLContext, gives every error a
 * stable {@code extensions.code} (parse and validation errors, wrong variable types and the limits have none from
 * graphql-java), reports the number of service calls the request cost in {@code extensions.upstreamCalls}, and
 * logs the operation name with tenant, calls, errors and time.
 */
class GraphQlRequestInterceptor implements WebGraphQlInterceptor {

    static final String QUERY_TOO_DEEP = "query_too_deep";
    static final String QUERY_TOO_COMPLEX = "query_too_complex";
    private static final Logger log = LoggerFactory.getLogger(GraphQlRequestInterceptor.class);

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Object principal = request.getAttributes().get(AuthenticationFilter.PRINCIPAL_ATTRIBUTE);
        if (!(principal instanceof Principal caller)) {
            // the authentication filter guards /v1/graphql; this is a second lock on the same door
            return Mono.error(new IllegalStateException("GraphQL request without an authenticated principal"));
        }
        Object requestId = request.getAttributes().get(RequestIdFilter.ATTRIBUTE);
        GraphQlCall call = new GraphQlCall(caller, requestId == null ? null : requestId.toString(),
                request.getHeaders().getFirst("Idempotency-Key"), request.getOperationName(), new AtomicInteger());
        request.configureExecutionInput((input, builder) ->
                builder.graphQLContext(context -> context.put(GraphQlCall.CONTEXT_KEY, call)).build());
        long started = System.nanoTime();
        return chain.next(request).map(response -> {
            List<GraphQLError> errors = response.getExecutionResult().getErrors();
            List<GraphQLError> coded = new ArrayList<>(errors.size());
            errors.forEach(error -> coded.add(withCode(error)));
            Map<Object, Object> extensions = new LinkedHashMap<>();
            if (response.getExecutionResult().getExtensions() != null) {
                extensions.putAll(response.getExecutionResult().getExtensions());
            }
            extensions.put("upstreamCalls", call.upstreamCalls().get());
            log.info("graphql operation={} tenant={} actor={} upstreamCalls={} errors={} codes={} ms={}",
                    call.operationName() == null ? "-" : call.operationName(), caller.tenantId().value(),
                    caller.actor().id(), call.upstreamCalls().get(), coded.size(),
                    coded.stream().map(e -> String.valueOf(e.getExtensions().get("code"))).distinct().toList(),
                    (System.nanoTime() - started) / 1_000_000);
            return response.transform(builder -> builder.errors(coded).extensions(extensions));
        });
    }

    private static GraphQLError withCode(GraphQLError error) {
        Map<String, Object> extensions = error.getExtensions() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(error.getExtensions());
        if (extensions.get("code") instanceof String) {
            return error;
        }
        extensions.put("code", codeOf(error));
        return GraphqlErrorBuilder.newError().message(error.getMessage()).locations(error.getLocations())
                .path(error.getPath()).errorType(error.getErrorType()).extensions(extensions).build();
    }

    static String codeOf(GraphQLError error) {
        if (error instanceof ValidationError validation
                && validation.getValidationErrorType() == ValidationErrorType.FieldUndefined) {
            return ErrorCode.UNKNOWN_FIELD.code();
        }
        if (error.getErrorType() == ErrorType.InvalidSyntax || error.getErrorType() == ErrorType.ValidationError) {
            return ErrorCode.MALFORMED_REQUEST.code();
        }
        if (error.getErrorType() == ErrorType.ExecutionAborted) {
            String message = String.valueOf(error.getMessage()).toLowerCase(Locale.ROOT);
            return message.contains("depth") ? QUERY_TOO_DEEP : QUERY_TOO_COMPLEX;
        }
        return ErrorCode.INTERNAL_ERROR.code();
    }
}
