package io.billstream.payment.domain;

import java.util.List;
import java.util.Optional;

/** Port: where refunds are kept. */
public interface RefundStore {

    void insert(Refund refund);

    /** Oldest first. */
    List<Refund> list(String tenantId, String paymentId);

    Optional<Refund> find(String tenantId, String paymentId, String refundId);
}
