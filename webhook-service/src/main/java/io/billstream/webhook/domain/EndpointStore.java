package io.billstream.webhook.domain;

import java.util.List;
import java.util.Optional;

/** Port: where a tenant's endpoints are kept. */
public interface EndpointStore {

    /** An endpoint and its place in insertion order (the list cursor). */
    record Row(long seq, Endpoint endpoint) {
    }

    void insert(Endpoint endpoint);

    Optional<Endpoint> find(String tenantId, String id);

    /** Locks the row for a read-modify-write in the caller's transaction. */
    Optional<Endpoint> findForUpdate(String tenantId, String id);

    /** Newest first, strictly before {@code beforeSeq}. */
    List<Row> list(String tenantId, long beforeSeq, int limit);

    void update(Endpoint endpoint);

    boolean delete(String tenantId, String id);
}
