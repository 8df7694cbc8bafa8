package io.billstream.gateway.domain;

import io.billstream.platform.paging.KeysetCursor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface ApiKeyStore {

    void insert(ApiKey key, String createdBy);

    /** An active key with its tenant's organization name, for authenticating a request. */
    Optional<ActiveKey> findActive(String id);

    Optional<ApiKey> find(String tenantId, String id);

    /** Newest first, after {@code after} (null for the first page). */
    List<ApiKey> list(String tenantId, KeysetCursor after, int limit);

    /** @return false when the key is unknown in this tenant (revoking twice is fine) */
    boolean revoke(String tenantId, String id, Instant now);

    record ActiveKey(ApiKey key, String organizationName) {
    }
}
