package io.billstream.gateway.graphql;

import io.billstream.gateway.domain.Principal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one GraphQL request carries into its resolvers (kept in the GraphQLContext, never in a thread-local): the
 * authenticated principal, the request id to forward (the trace context follows the observed client), the client's {@code Idempotency-Key}, and
 * the number of service calls made so far (shown in the response's {@code extensions.upstreamCalls}).
 */
public record GraphQlCall(Principal principal, String requestId, String idempotencyKey,
                          String operationName, AtomicInteger upstreamCalls) {

    public static final String CONTEXT_KEY = "billstream.graphql.call";
}
