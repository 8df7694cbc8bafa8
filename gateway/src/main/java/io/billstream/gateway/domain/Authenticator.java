package io.billstream.gateway.domain;

import io.billstream.platform.security.TenantId;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Turns an {@code Authorization: Bearer …} value into a {@link Principal}: an API key ({@code bsk_…}) or a user
 * access token. A token is checked against PostgreSQL on every request, so a logged-out token is refused at once by
 * every instance; a key may come from the store's cache, which a revocation clears on every instance as it commits.
 */
@Component
public class Authenticator {

    private final AccessTokens accessTokens;
    private final AccountStore accounts;
    private final ApiKeyStore apiKeys;

    public Authenticator(AccessTokens accessTokens, AccountStore accounts, ApiKeyStore apiKeys) {
        this.accessTokens = accessTokens;
        this.accounts = accounts;
        this.apiKeys = apiKeys;
    }

    public Optional<Principal> authenticate(String authorization) {
        if (authorization == null || authorization.length() < 8
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String credential = authorization.substring(7).trim();
        if (credential.isEmpty()) {
            return Optional.empty();
        }
        return credential.startsWith(ApiKeySecrets.PREFIX) ? apiKey(credential) : accessToken(credential);
    }

    private Optional<Principal> apiKey(String presented) {
        return ApiKeySecrets.keyIdOf(presented)
                .flatMap(apiKeys::findActive)
                .filter(active -> ApiKeySecrets.matches(presented, active.key().keyHash()))
                .map(active -> Principal.apiKey(new TenantId(active.key().tenantId()), active.organizationName(),
                        active.key().id(), active.key().scope()));
    }

    private Optional<Principal> accessToken(String token) {
        return accessTokens.verify(token).flatMap(claims ->
                accounts.findSessionUser(claims.tenantId(), claims.userId(), claims.jti())
                        .map(user -> Principal.user(new TenantId(claims.tenantId()), user.organizationName(),
                                claims.userId(), user.role(), claims.jti(), claims.expiresAt())));
    }
}
