package io.billstream.gateway.domain;

import java.time.Instant;

/** Logged-out access tokens, until they would have expired anyway. */
public interface RevokedTokens {

    void revoke(String jti, Instant expiresAt);
}
