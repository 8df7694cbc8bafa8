package io.billstream.gateway.domain;

import io.billstream.gateway.api.CreateApiKey;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.paging.KeysetCursor;
import io.billstream.platform.paging.Page;
import io.billstream.platform.paging.PageLimit;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** API keys are managed by admin users only (never by another key). */
@Service
public class ApiKeyService {

    private final ApiKeyStore keys;
    private final Clock clock;

    public ApiKeyService(ApiKeyStore keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** @return the key and its secret, which is never shown again */
    public Created create(Principal principal, CreateApiKey request) {
        AccountService.requireAdminUser(principal);
        String id = Ids.newId("key");
        String secret = ApiKeySecrets.newKey(id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ApiKey row = new ApiKey(id, principal.tenantId().value(), request.name().trim(),
                ApiKeyScope.fromWire(request.scope()), ApiKeySecrets.hash(secret), ApiKeySecrets.lastFour(secret),
                now, null);
        keys.insert(row, principal.actor().id());
        return new Created(row, secret);
    }

    public Page<ApiKey> list(Principal principal, int limit, String cursor) {
        AccountService.requireAdminUser(principal);
        PageLimit.check(limit);
        return Page.of(keys.list(principal.tenantId().value(), KeysetCursor.decode(cursor), Page.fetchSize(limit)),
                limit, key -> key, key -> new KeysetCursor(key.createdAt(), key.id()).encode());
    }

    public ApiKey get(Principal principal, String id) {
        AccountService.requireAdminUser(principal);
        return keys.find(principal.tenantId().value(), id)
                .orElseThrow(() -> DomainException.notFound("API key"));
    }

    public void revoke(Principal principal, String id) {
        AccountService.requireAdminUser(principal);
        if (!keys.revoke(principal.tenantId().value(), id, clock.instant())) {
            throw DomainException.notFound("API key");
        }
    }

    /** @param secret the whole key, shown only in the response that creates it */
    public record Created(ApiKey key, String secret) {
    }
}
