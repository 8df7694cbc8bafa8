package io.billstream.payment.api;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Record a payment against an invoice of the caller's tenant. The fields are as the client sent them (currency and
 * method as text, {@code paidAt} optional): the domain turns them into money and a method, or refuses them.
 */
public record RecordPayment(String invoiceId, BigDecimal amount, String currency, String method, String reference,
                            Instant paidAt) {
}
