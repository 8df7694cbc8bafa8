package io.billstream.gateway.web;

import io.billstream.gateway.domain.AccessTokens;

import java.time.Instant;

public record AccessTokenView(String accessToken, String tokenType, Instant expiresAt) {

    public static AccessTokenView of(AccessTokens.Issued token) {
        return new AccessTokenView(token.token(), "Bearer", token.expiresAt());
    }
}
