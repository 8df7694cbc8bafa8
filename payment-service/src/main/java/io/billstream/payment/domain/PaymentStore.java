package io.billstream.payment.domain;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port: where payments are kept. Locks are taken after the invoice's ledger lock (lock order: ledger, payment). */
public interface PaymentStore {

    /** A payment and its place in insertion order (the list cursor). */
    record Positioned(Payment payment, long position) {
    }

    void insert(Payment payment);

    Optional<Payment> find(String tenantId, String id);

    Optional<Payment> lock(String tenantId, String id);

    void saveRefunded(Payment payment);

    /** Newest first, strictly older than {@code beforePosition} when given; {@code invoiceId} optional. */
    List<Positioned> page(String tenantId, String invoiceId, Long beforePosition, int limit);

    /** Every payment of the tenant on any of {@code invoiceIds}, newest first. */
    List<Positioned> byInvoices(String tenantId, Collection<String> invoiceIds);
}
