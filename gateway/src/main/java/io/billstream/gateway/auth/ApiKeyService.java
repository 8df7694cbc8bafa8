package io.billstream.gateway.auth;

import io.billstream.gateway.api.ApiKeyCreated;
import io.billstream.gateway.api.ApiKeyView;
import io.billstream.gateway.api.CreateApiKeyRequest;
import io.billstream.gateway.api.Page;
import io.billstream.gateway.domain.ApiKeyScope;
import io.billstream.gateway.domain.Principal;
import io.billstream.gateway.persistence.ApiKeyRepository;
import io.billstream.gateway.persistence.ApiKeyRow;
import io.billstream.gateway.persistence.PageCursor;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.errors.DomainException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** API keys are managed by admin users only (never by another key). */
@Service
public class ApiKeyService {

    private final ApiKeyRepository keys;
    private final Clock clock;

    public ApiKeyService(ApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    public ApiKeyCreated create(Principal principal, CreateApiKeyRequest request) {
        AccountService.requireAdminUser(principal);
        String id = Ids.newId("key");
        String secret = ApiKeySecrets.newKey(id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ApiKeyRow row = new ApiKeyRow(id, principal.tenantId().value(), request.name().trim(),
                ApiKeyScope.fromWire(request.scope()), ApiKeySecrets.hash(secret), ApiKeySecrets.lastFour(secret),
                now, null);
        keys.insert(row, principal.actor().id());
        return new ApiKeyCreated(id, row.name(), row.scope().wire(), secret, row.lastFour(), now);
    }

    public Page<ApiKeyView> list(Principal principal, int limit, String cursor) {
        AccountService.requireAdminUser(principal);
        Paging.checkLimit(limit);
        return Paging.page(keys.list(principal.tenantId().value(), cursor == null ? null : PageCursor.decode(cursor),
                limit + 1), limit, ApiKeyView::of, row -> new PageCursor(row.createdAt(), row.id()));
    }

    public ApiKeyView get(Principal principal, String id) {
        AccountService.requireAdminUser(principal);
        return keys.find(principal.tenantId().value(), id).map(ApiKeyView::of)
                .orElseThrow(() -> DomainException.notFound("API key"));
    }

    public void revoke(Principal principal, String id) {
        AccountService.requireAdminUser(principal);
        if (!keys.revoke(principal.tenantId().value(), id, clock.instant())) {
            throw DomainException.notFound("API key");
        }
    }
}
