package io.billstream.gateway.domain;

import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.TenantId;

import java.time.Instant;

/**
 * Who is calling the gateway: a user with an access token (role set, scope null) or an API key (scope set, role
 * null). Services learn of it only as a {@link Caller} inside the internal token.
 *
 * @param tokenId   the access token's jti (users only), so logout can revoke exactly that token
 * @param expiresAt when the access token expires (users only)
 */
public record Principal(TenantId tenantId, String organizationName, Actor actor, Role role, ApiKeyScope scope,
                        String tokenId, Instant expiresAt) {

    public static Principal user(TenantId tenant, String organization, String userId, Role role, String tokenId,
                                 Instant expiresAt) {
        return new Principal(tenant, organization, new Actor(ActorType.USER, userId), role, null, tokenId, expiresAt);
    }

    public static Principal apiKey(TenantId tenant, String organization, String keyId, ApiKeyScope scope) {
        return new Principal(tenant, organization, new Actor(ActorType.API_KEY, keyId), null, scope, null, null);
    }

    public boolean isUser() {
        return actor.type() == ActorType.USER;
    }

    public boolean isAdminUser() {
        return isUser() && role == Role.ADMIN;
    }

    public boolean canWrite() {
        return isUser() ? role == Role.ADMIN : scope == ApiKeyScope.READ_WRITE;
    }

    public Caller toCaller() {
        return new Caller(tenantId, actor, organizationName, canWrite());
    }
}
