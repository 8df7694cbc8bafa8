package io.billstream.gateway.graphql;

import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.billstream.platform.errors.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resolver's failure as a GraphQL error: the REST problem's stable {@code code} in {@code extensions.code} (with
 * its {@code status} and, for validation, {@code errors[]}); anything unexpected is logged and shown as
 * {@code internal_error} without a stack trace.
 */
class GraphQlErrors extends DataFetcherExceptionResolverAdapter {

    private static final Logger log = LoggerFactory.getLogger(GraphQlErrors.class);

    @Override
    protected GraphQLError resolveToSingleError(Throwable thrown, DataFetchingEnvironment env) {
        Throwable ex = thrown;
        // links resolved off the request thread fail wrapped
        while ((ex instanceof java.util.concurrent.CompletionException
                || ex instanceof java.util.concurrent.ExecutionException) && ex.getCause() != null) {
            ex = ex.getCause();
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (ex instanceof ServiceError error) {
            extensions.put("code", error.code());
            extensions.put("status", error.status());
            if (!error.errors().isEmpty()) {
                extensions.put("errors", error.errors());
            }
            return GraphqlErrorBuilder.newError(env).message(error.getMessage()).errorType(type(error.status()))
                    .extensions(extensions).build();
        }
        log.warn("GraphQL field {} failed", env.getExecutionStepInfo().getPath(), ex);
        extensions.put("code", ErrorCode.INTERNAL_ERROR);
        extensions.put("status", 500);
        return GraphqlErrorBuilder.newError(env).message("The field could not be resolved.")
                .errorType(ErrorType.DataFetchingException).extensions(extensions).build();
    }

    private static graphql.ErrorClassification type(int status) {
        return switch (status) {
            case 401 -> org.springframework.graphql.execution.ErrorType.UNAUTHORIZED;
            case 403 -> org.springframework.graphql.execution.ErrorType.FORBIDDEN;
            case 404 -> org.springframework.graphql.execution.ErrorType.NOT_FOUND;
            default -> status >= 500 ? org.springframework.graphql.execution.ErrorType.INTERNAL_ERROR
                    : org.springframework.graphql.execution.ErrorType.BAD_REQUEST;
        };
    }
}
