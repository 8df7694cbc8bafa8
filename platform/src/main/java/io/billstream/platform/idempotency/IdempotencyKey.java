package io.billstream.platform.idempotency;

/**
 * A client's {@code Idempotency-Key} as it reaches the code that applies the request's effect: scoped to the
 * tenant, with the fingerprint of the request it was first used for (method, path with query, JSON-canonical body
 * hash — computed once, by the gateway). Services receive it inside the signed internal token, so a caller that
 * bypasses the gateway can neither forge nor strip it; the gateway sets it for its own endpoints directly.
 */
public record IdempotencyKey(String tenant, String key, String fingerprint) {

    /** Request attribute under which the key travels from the token (or the gateway) to {@link IdempotentRequestFilter}. */
    public static final String ATTRIBUTE = IdempotencyKey.class.getName();

    public IdempotencyKey {
        if (tenant == null || tenant.isBlank() || key == null || key.isEmpty() || fingerprint == null
                || fingerprint.isEmpty()) {
            throw new IllegalArgumentException("tenant, key and fingerprint are required");
        }
    }
}
