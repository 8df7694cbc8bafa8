package io.billstream.payment.domain;

import java.util.Optional;

/** Port: the per-invoice ledger, as payments and refunds read and change it. */
public interface LedgerStore {

    /** Without locking, for the read-your-writes wait. */
    Optional<LedgerEntry> find(String invoiceId);

    /** Locks the invoice's row until the transaction ends: payments and refunds of one invoice run one at a time. */
    Optional<LedgerEntry> lock(String invoiceId);

    void savePaidNet(LedgerEntry entry);
}
