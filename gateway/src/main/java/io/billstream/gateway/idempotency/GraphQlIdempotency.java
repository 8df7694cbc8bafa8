package io.billstream.gateway.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.errors.ErrorCode;

import java.io.IOException;
import java.util.Set;

/**
 * {@code Idempotency-Key} covers a GraphQL POST as a whole: the same key and the same body (query, variables,
 * operation name, JSON-equal) replay the first answer. A GraphQL answer is HTTP 200 even when a service was down,
 * so the rule "5xx and 429 are not kept" is applied to its errors instead: an answer with a transient error code is
 * not kept, and the client may retry with the same key.
 */
public final class GraphQlIdempotency {

    private static final String PATH = "/v1/graphql";
    private static final Set<String> TRANSIENT = Set.of(ErrorCode.SERVICE_UNAVAILABLE.code(), ErrorCode.RATE_LIMITED.code(),
            ErrorCode.INTERNAL_ERROR.code());

    private GraphQlIdempotency() {
    }

    public static boolean isTransient(String path, byte[] body, ObjectMapper mapper) {
        if (!PATH.equals(path) || body.length == 0) {
            return false;
        }
        try {
            JsonNode errors = mapper.readTree(body).path("errors");
            for (JsonNode error : errors) {
                if (TRANSIENT.contains(error.path("extensions").path("code").asText())) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }
}
