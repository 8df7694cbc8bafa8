package io.billstream.invoice.customers.domain;

import io.billstream.platform.paging.KeysetCursor;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Where customers are kept (customers.persistence.CustomerRepository); ids are looked up within a tenant only. */
public interface CustomerStore {

    Optional<Customer> find(String tenantId, String id);

    /** The customer, locked until the transaction ends, so a change is computed from the version it replaces. */
    Optional<Customer> lock(String tenantId, String id);

    void insert(Customer customer);

    void update(Customer customer);

    /** Up to {@code limit} rows newest first, after the keyset position {@code after} (null: from the newest). */
    List<Customer> page(String tenantId, String email, boolean includeArchived, KeysetCursor after, int limit);

    List<Customer> findAll(String tenantId, Collection<String> ids);
}
